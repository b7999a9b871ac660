build-exp/lib/calibration.o: src/calibration.c src/calibration.h
src/calibration.h:
