build-exp/lib/extras.o: src/extras.c src/extras.h include/narrate.h \
 src/outfile.h src/schedule.h src/key.h src/deadline.h src/pool.h \
 src/proto.h src/timeline.h src/align.h src/timings_file.h src/error.h \
 src/marks.h
src/extras.h:
include/narrate.h:
src/outfile.h:
src/schedule.h:
src/key.h:
src/deadline.h:
src/pool.h:
src/proto.h:
src/timeline.h:
src/align.h:
src/timings_file.h:
src/error.h:
src/marks.h:
