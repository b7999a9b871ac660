build-exp/cli/cmd_render.o: src/cli/cmd_render.c src/cli/cli.h \
 include/narrate.h
src/cli/cli.h:
include/narrate.h:
