build-exp/cli/cli.o: src/cli/cli.c src/cli/cli.h include/narrate.h \
 build-exp/config.h
src/cli/cli.h:
include/narrate.h:
build-exp/config.h:
