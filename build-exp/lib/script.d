build-exp/lib/script.o: src/script.c src/article.h include/narrate.h \
 src/error.h src/lexicon.h src/normalize.h src/segment.h src/text.h
src/article.h:
include/narrate.h:
src/error.h:
src/lexicon.h:
src/normalize.h:
src/segment.h:
src/text.h:
