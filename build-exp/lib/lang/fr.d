build-exp/lib/lang/fr.o: src/lang/fr.c src/lang/lang.h \
 src/segment_rules.h
src/lang/lang.h:
src/segment_rules.h:
