build-exp/lib/input.o: src/input.c src/input.h include/narrate.h \
 src/error.h src/text.h
src/input.h:
include/narrate.h:
src/error.h:
src/text.h:
