build-exp/cli/serve_queue.o: src/cli/serve_queue.c src/cli/serve.h \
 src/cli/cli.h include/narrate.h
src/cli/serve.h:
src/cli/cli.h:
include/narrate.h:
