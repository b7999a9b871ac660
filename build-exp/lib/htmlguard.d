build-exp/lib/htmlguard.o: src/htmlguard.c src/htmlguard.h
src/htmlguard.h:
