build-exp/lib/proto.o: src/proto.c src/proto.h
src/proto.h:
