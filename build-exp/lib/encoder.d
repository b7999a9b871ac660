build-exp/lib/encoder.o: src/encoder.c src/encoder.h include/narrate.h \
 src/error.h
src/encoder.h:
include/narrate.h:
src/error.h:
