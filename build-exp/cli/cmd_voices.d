build-exp/cli/cmd_voices.o: src/cli/cmd_voices.c src/cli/cli.h \
 include/narrate.h
src/cli/cli.h:
include/narrate.h:
