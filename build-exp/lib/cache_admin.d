build-exp/lib/cache_admin.o: src/cache_admin.c src/cache.h \
 include/narrate.h src/error.h src/outfile.h
src/cache.h:
include/narrate.h:
src/error.h:
src/outfile.h:
