build-exp/worker/worker.o: src/worker.c src/encoder.h include/narrate.h \
 src/error.h src/proto.h src/rlimit.h src/stitch.h src/synth.h
src/encoder.h:
include/narrate.h:
src/error.h:
src/proto.h:
src/rlimit.h:
src/stitch.h:
src/synth.h:
