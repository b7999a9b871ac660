build-exp/cli/cmd_batch.o: src/cli/cmd_batch.c src/cli/batch.h \
 include/narrate.h src/cli/cli.h
src/cli/batch.h:
include/narrate.h:
src/cli/cli.h:
