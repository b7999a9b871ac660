build-exp/worker/rlimit.o: src/rlimit.c src/rlimit.h src/proto.h
src/rlimit.h:
src/proto.h:
