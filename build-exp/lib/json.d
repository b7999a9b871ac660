build-exp/lib/json.o: src/json.c src/json.h include/narrate.h \
 src/article.h src/error.h src/input.h
src/json.h:
include/narrate.h:
src/article.h:
src/error.h:
src/input.h:
