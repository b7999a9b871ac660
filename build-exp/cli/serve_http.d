build-exp/cli/serve_http.o: src/cli/serve_http.c src/cli/serve.h \
 src/cli/cli.h include/narrate.h
src/cli/serve.h:
src/cli/cli.h:
include/narrate.h:
