build-exp/lib/lexicon.o: src/lexicon.c src/lexicon.h include/narrate.h \
 src/error.h src/infile.h src/text.h
src/lexicon.h:
include/narrate.h:
src/error.h:
src/infile.h:
src/text.h:
