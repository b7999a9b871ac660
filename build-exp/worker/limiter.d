build-exp/worker/limiter.o: src/limiter.c src/limiter.h src/encoder.h \
 include/narrate.h
src/limiter.h:
src/encoder.h:
include/narrate.h:
