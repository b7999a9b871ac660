build-exp/lib/mp3join.o: src/mp3join.c src/mp3join.h src/chapters.h \
 src/id3chap.h include/narrate.h src/title.h src/schedule.h src/key.h \
 src/deadline.h src/pool.h src/proto.h src/encoder.h src/sink.h \
 src/bytes.h src/error.h
src/mp3join.h:
src/chapters.h:
src/id3chap.h:
include/narrate.h:
src/title.h:
src/schedule.h:
src/key.h:
src/deadline.h:
src/pool.h:
src/proto.h:
src/encoder.h:
src/sink.h:
src/bytes.h:
src/error.h:
