build-exp/lib/render.o: src/render.c src/cache.h include/narrate.h \
 src/chapters.h src/id3chap.h src/title.h src/schedule.h src/key.h \
 src/deadline.h src/pool.h src/proto.h src/engine.h src/langvoice.h \
 src/mp3join.h src/encoder.h src/sink.h src/error.h src/extras.h \
 src/outfile.h src/timeline.h src/align.h src/timings_file.h src/text.h
src/cache.h:
include/narrate.h:
src/chapters.h:
src/id3chap.h:
src/title.h:
src/schedule.h:
src/key.h:
src/deadline.h:
src/pool.h:
src/proto.h:
src/engine.h:
src/langvoice.h:
src/mp3join.h:
src/encoder.h:
src/sink.h:
src/error.h:
src/extras.h:
src/outfile.h:
src/timeline.h:
src/align.h:
src/timings_file.h:
src/text.h:
