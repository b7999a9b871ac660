build-exp/lib/mp3.o: src/mp3.c src/encoder.h include/narrate.h \
 src/error.h
src/encoder.h:
include/narrate.h:
src/error.h:
