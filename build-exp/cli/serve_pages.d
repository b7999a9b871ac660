build-exp/cli/serve_pages.o: src/cli/serve_pages.c src/cli/serve.h \
 src/cli/cli.h include/narrate.h
src/cli/serve.h:
src/cli/cli.h:
include/narrate.h:
