build-exp/lib/lang/de.o: src/lang/de.c src/lang/lang.h \
 src/segment_rules.h
src/lang/lang.h:
src/segment_rules.h:
