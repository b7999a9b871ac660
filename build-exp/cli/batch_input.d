build-exp/cli/batch_input.o: src/cli/batch_input.c src/cli/batch.h \
 include/narrate.h src/cli/cli.h
src/cli/batch.h:
include/narrate.h:
src/cli/cli.h:
