build-exp/lib/lang/en.o: src/lang/en.c src/lang/lang.h \
 src/segment_rules.h
src/lang/lang.h:
src/segment_rules.h:
