build-exp/lib/timeline.o: src/timeline.c src/timeline.h src/align.h \
 include/narrate.h src/schedule.h src/key.h src/deadline.h src/pool.h \
 src/proto.h src/encoder.h src/error.h
src/timeline.h:
src/align.h:
include/narrate.h:
src/schedule.h:
src/key.h:
src/deadline.h:
src/pool.h:
src/proto.h:
src/encoder.h:
src/error.h:
