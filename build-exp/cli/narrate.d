build-exp/cli/narrate.o: src/cli/narrate.c src/cli/cli.h \
 include/narrate.h
src/cli/cli.h:
include/narrate.h:
