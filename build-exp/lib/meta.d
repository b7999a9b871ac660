build-exp/lib/meta.o: src/meta.c src/meta.h src/dom.h include/narrate.h \
 src/text.h
src/meta.h:
src/dom.h:
include/narrate.h:
src/text.h:
