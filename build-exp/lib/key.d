build-exp/lib/key.o: src/key.c src/key.h src/deadline.h include/narrate.h \
 src/chapters.h src/id3chap.h src/title.h src/schedule.h src/pool.h \
 src/proto.h
src/key.h:
src/deadline.h:
include/narrate.h:
src/chapters.h:
src/id3chap.h:
src/title.h:
src/schedule.h:
src/pool.h:
src/proto.h:
