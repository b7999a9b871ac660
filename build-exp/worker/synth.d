build-exp/worker/synth.o: src/synth.c src/synth.h src/proto.h
src/synth.h:
src/proto.h:
