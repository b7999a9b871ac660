build-exp/lib/article.o: src/article.c src/article.h include/narrate.h \
 src/error.h src/input.h src/langid.h src/text.h
src/article.h:
include/narrate.h:
src/error.h:
src/input.h:
src/langid.h:
src/text.h:
