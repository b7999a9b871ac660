build-exp/lib/id3chap.o: src/id3chap.c src/id3chap.h include/narrate.h \
 src/bytes.h src/error.h src/text.h src/title.h
src/id3chap.h:
include/narrate.h:
src/bytes.h:
src/error.h:
src/text.h:
src/title.h:
