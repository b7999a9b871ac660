build-exp/lib/align.o: src/align.c src/align.h
src/align.h:
