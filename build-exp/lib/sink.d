build-exp/lib/sink.o: src/sink.c src/sink.h include/narrate.h \
 src/encoder.h src/error.h
src/sink.h:
include/narrate.h:
src/encoder.h:
src/error.h:
