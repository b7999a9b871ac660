build-exp/lib/chapters.o: src/chapters.c src/chapters.h src/id3chap.h \
 include/narrate.h src/title.h src/schedule.h src/key.h src/deadline.h \
 src/pool.h src/proto.h src/timeline.h src/align.h
src/chapters.h:
src/id3chap.h:
include/narrate.h:
src/title.h:
src/schedule.h:
src/key.h:
src/deadline.h:
src/pool.h:
src/proto.h:
src/timeline.h:
src/align.h:
