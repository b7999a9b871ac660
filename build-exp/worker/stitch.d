build-exp/worker/stitch.o: src/stitch.c src/stitch.h src/encoder.h \
 include/narrate.h src/limiter.h
src/stitch.h:
src/encoder.h:
include/narrate.h:
src/limiter.h:
