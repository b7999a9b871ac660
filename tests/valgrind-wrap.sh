#!/bin/sh
# valgrind-wrap.sh BINARY ARGS... - runs BINARY under valgrind memcheck, its log in
# $VALGRIND_LOGS/vg.<pid>.log (tests/valgrind.sh reads them all). Used as NARRATE_WRAP
# (see tests/lib.sh). Children are traced but for the narrate-worker processes the library
# spawns, which run natively: `narrate serve` execs narrate-serve, which is checked too.
exec valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
    --trace-children=yes --trace-children-skip='*/narrate-worker*' \
    --error-exitcode=99 --suppressions="$(dirname "$0")/valgrind.supp" \
    --log-file="${VALGRIND_LOGS:?}/vg.%p.log" "$@"
