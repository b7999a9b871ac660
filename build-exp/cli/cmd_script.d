build-exp/cli/cmd_script.o: src/cli/cmd_script.c src/cli/cli.h \
 include/narrate.h
src/cli/cli.h:
include/narrate.h:
