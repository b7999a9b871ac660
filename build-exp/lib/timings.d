build-exp/lib/timings.o: src/timings.c include/narrate.h
include/narrate.h:
