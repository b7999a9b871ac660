build-exp/lib/schedule.o: src/schedule.c src/schedule.h src/key.h \
 src/deadline.h include/narrate.h src/pool.h src/proto.h src/error.h
src/schedule.h:
src/key.h:
src/deadline.h:
include/narrate.h:
src/pool.h:
src/proto.h:
src/error.h:
