build-exp/lib/charset.o: src/charset.c src/charset.h src/text.h
src/charset.h:
src/text.h:
