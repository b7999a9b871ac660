build-exp/lib/marks.o: src/marks.c src/marks.h include/narrate.h \
 src/schedule.h src/key.h src/deadline.h src/pool.h src/proto.h \
 src/encoder.h src/error.h
src/marks.h:
include/narrate.h:
src/schedule.h:
src/key.h:
src/deadline.h:
src/pool.h:
src/proto.h:
src/encoder.h:
src/error.h:
