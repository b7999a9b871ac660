build-exp/cli/serve_api.o: src/cli/serve_api.c src/cli/serve.h \
 src/cli/cli.h include/narrate.h
src/cli/serve.h:
src/cli/cli.h:
include/narrate.h:
