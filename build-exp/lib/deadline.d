build-exp/lib/deadline.o: src/deadline.c src/deadline.h include/narrate.h \
 src/error.h
src/deadline.h:
include/narrate.h:
src/error.h:
