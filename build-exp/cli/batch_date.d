build-exp/cli/batch_date.o: src/cli/batch_date.c src/cli/batch.h \
 include/narrate.h
src/cli/batch.h:
include/narrate.h:
