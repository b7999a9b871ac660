build-exp/cli/cmd_cache.o: src/cli/cmd_cache.c src/cli/cli.h \
 include/narrate.h
src/cli/cli.h:
include/narrate.h:
