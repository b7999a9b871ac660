build-exp/lib/engine.o: src/engine.c src/engine.h include/narrate.h \
 src/langvoice.h src/pool.h src/deadline.h src/proto.h src/article.h \
 build-exp/config.h src/error.h
src/engine.h:
include/narrate.h:
src/langvoice.h:
src/pool.h:
src/deadline.h:
src/proto.h:
src/article.h:
build-exp/config.h:
src/error.h:
