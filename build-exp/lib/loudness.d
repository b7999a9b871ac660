build-exp/lib/loudness.o: src/loudness.c src/calibration.h src/error.h \
 include/narrate.h
src/calibration.h:
src/error.h:
include/narrate.h:
