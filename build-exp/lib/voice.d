build-exp/lib/voice.o: src/voice.c src/error.h include/narrate.h \
 src/infile.h
src/error.h:
include/narrate.h:
src/infile.h:
