#!/bin/sh
# valgrind-wrap.sh BINARY ARGS... - runs BINARY under valgrind memcheck, its log in
# $VALGRIND_LOGS/vg.<pid>.log (tests/valgrind.sh reads them all). Used as NARRATE_WRAP
# (see tests/lib.sh). Children are not traced (valgrind's default): the narrate-worker
# processes the library spawns run natively.
exec valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
    --error-exitcode=99 --suppressions="$(dirname "$0")/valgrind.supp" \
    --log-file="${VALGRIND_LOGS:?}/vg.%p.log" "$@"
