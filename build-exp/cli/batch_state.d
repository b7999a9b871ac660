build-exp/cli/batch_state.o: src/cli/batch_state.c src/cli/batch.h \
 include/narrate.h src/cli/cli.h
src/cli/batch.h:
include/narrate.h:
src/cli/cli.h:
