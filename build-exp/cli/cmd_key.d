build-exp/cli/cmd_key.o: src/cli/cmd_key.c src/cli/cli.h \
 include/narrate.h
src/cli/cli.h:
include/narrate.h:
