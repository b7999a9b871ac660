build-exp/lib/lang/it.o: src/lang/it.c src/lang/lang.h \
 src/segment_rules.h
src/lang/lang.h:
src/segment_rules.h:
