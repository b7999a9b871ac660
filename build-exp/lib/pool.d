build-exp/lib/pool.o: src/pool.c src/pool.h src/deadline.h \
 include/narrate.h src/proto.h src/error.h src/text.h
src/pool.h:
src/deadline.h:
include/narrate.h:
src/proto.h:
src/error.h:
src/text.h:
