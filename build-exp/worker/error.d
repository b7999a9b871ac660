build-exp/worker/error.o: src/error.c src/error.h include/narrate.h
src/error.h:
include/narrate.h:
