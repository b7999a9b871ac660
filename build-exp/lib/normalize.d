build-exp/lib/normalize.o: src/normalize.c src/normalize.h src/numbers.h \
 src/segment_rules.h src/text.h
src/normalize.h:
src/numbers.h:
src/segment_rules.h:
src/text.h:
