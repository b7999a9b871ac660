build-exp/lib/segment.o: src/segment.c src/segment.h src/segment_rules.h
src/segment.h:
src/segment_rules.h:
