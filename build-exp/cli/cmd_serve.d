build-exp/cli/cmd_serve.o: src/cli/cmd_serve.c src/cli/serve.h \
 src/cli/cli.h include/narrate.h
src/cli/serve.h:
src/cli/cli.h:
include/narrate.h:
