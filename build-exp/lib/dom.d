build-exp/lib/dom.o: src/dom.c src/dom.h src/text.h
src/dom.h:
src/text.h:
