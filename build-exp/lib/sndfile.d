build-exp/lib/sndfile.o: src/sndfile.c src/encoder.h include/narrate.h \
 src/error.h
src/encoder.h:
include/narrate.h:
src/error.h:
