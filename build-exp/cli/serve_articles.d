build-exp/cli/serve_articles.o: src/cli/serve_articles.c src/cli/serve.h \
 src/cli/cli.h include/narrate.h
src/cli/serve.h:
src/cli/cli.h:
include/narrate.h:
