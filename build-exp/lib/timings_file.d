build-exp/lib/timings_file.o: src/timings_file.c src/timings_file.h \
 include/narrate.h src/cache.h src/encoder.h src/error.h src/infile.h \
 src/outfile.h src/text.h
src/timings_file.h:
include/narrate.h:
src/cache.h:
src/encoder.h:
src/error.h:
src/infile.h:
src/outfile.h:
src/text.h:
