build-exp/lib/numbers.o: src/numbers.c src/numbers.h
src/numbers.h:
