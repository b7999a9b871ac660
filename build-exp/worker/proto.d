build-exp/worker/proto.o: src/proto.c src/proto.h
src/proto.h:
