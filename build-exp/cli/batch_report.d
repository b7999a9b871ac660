build-exp/cli/batch_report.o: src/cli/batch_report.c src/cli/batch.h \
 include/narrate.h src/cli/cli.h
src/cli/batch.h:
include/narrate.h:
src/cli/cli.h:
