build-exp/lib/title.o: src/title.c src/title.h src/text.h
src/title.h:
src/text.h:
