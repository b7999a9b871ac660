build-exp/cli/batch_render.o: src/cli/batch_render.c src/cli/batch.h \
 include/narrate.h src/cli/cli.h
src/cli/batch.h:
include/narrate.h:
src/cli/cli.h:
