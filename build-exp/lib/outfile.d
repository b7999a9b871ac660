build-exp/lib/outfile.o: src/outfile.c src/outfile.h include/narrate.h \
 src/error.h
src/outfile.h:
include/narrate.h:
src/error.h:
