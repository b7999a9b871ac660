build-exp/cli/serve_audio.o: src/cli/serve_audio.c src/cli/serve.h \
 src/cli/cli.h include/narrate.h
src/cli/serve.h:
src/cli/cli.h:
include/narrate.h:
