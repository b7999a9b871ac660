build-exp/lib/infile.o: src/infile.c src/infile.h include/narrate.h \
 src/error.h
src/infile.h:
include/narrate.h:
src/error.h:
