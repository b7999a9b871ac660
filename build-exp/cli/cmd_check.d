build-exp/cli/cmd_check.o: src/cli/cmd_check.c src/cli/cli.h \
 include/narrate.h
src/cli/cli.h:
include/narrate.h:
