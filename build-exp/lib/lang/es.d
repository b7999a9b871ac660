build-exp/lib/lang/es.o: src/lang/es.c src/lang/lang.h \
 src/segment_rules.h
src/lang/lang.h:
src/segment_rules.h:
