build-exp/lib/segment_rules.o: src/segment_rules.c src/segment_rules.h \
 src/lang/lang.h src/segment_rules.h
src/segment_rules.h:
src/lang/lang.h:
src/segment_rules.h:
