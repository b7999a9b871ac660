build-exp/cli/batch_progress.o: src/cli/batch_progress.c src/cli/batch.h \
 include/narrate.h
src/cli/batch.h:
include/narrate.h:
