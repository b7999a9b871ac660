build-exp/lib/extract.o: src/extract.c src/extract.h src/article.h \
 include/narrate.h src/dom.h src/error.h src/meta.h src/text.h
src/extract.h:
src/article.h:
include/narrate.h:
src/dom.h:
src/error.h:
src/meta.h:
src/text.h:
