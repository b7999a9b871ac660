build-exp/cli/atomic.o: src/cli/atomic.c src/cli/batch.h \
 include/narrate.h
src/cli/batch.h:
include/narrate.h:
