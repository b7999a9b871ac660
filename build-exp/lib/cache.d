build-exp/lib/cache.o: src/cache.c src/cache.h include/narrate.h \
 src/encoder.h src/error.h src/key.h src/deadline.h src/outfile.h
src/cache.h:
include/narrate.h:
src/encoder.h:
src/error.h:
src/key.h:
src/deadline.h:
src/outfile.h:
