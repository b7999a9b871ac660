build-exp/lib/xmlload.o: src/xmlload.c src/xmlload.h
src/xmlload.h:
