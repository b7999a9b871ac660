build-exp/lib/langvoice.o: src/langvoice.c src/langvoice.h \
 include/narrate.h src/engine.h src/pool.h src/deadline.h src/proto.h \
 src/error.h
src/langvoice.h:
include/narrate.h:
src/engine.h:
src/pool.h:
src/deadline.h:
src/proto.h:
src/error.h:
