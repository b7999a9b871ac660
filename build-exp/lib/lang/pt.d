build-exp/lib/lang/pt.o: src/lang/pt.c src/lang/lang.h \
 src/segment_rules.h
src/lang/lang.h:
src/segment_rules.h:
