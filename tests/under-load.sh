#!/usr/bin/env bash
# under-load.sh - runs a command with N CPU hogs beside it (busy shell loops), and stops
# the hogs by PID however the command ends. Usage: tests/under-load.sh N COMMAND...
# `make test-under-load` runs `make test` this way: no test may depend on a quiet machine.
set -u
n=$1
shift
hogs=()
stop() { [ ${#hogs[@]} -gt 0 ] && kill "${hogs[@]}" 2>/dev/null; wait "${hogs[@]}" 2>/dev/null; hogs=(); }
trap stop EXIT
trap 'exit 130' INT TERM
for ((i = 0; i < n; i++)); do
    sh -c 'while :; do :; done' &
    hogs+=($!)
done
echo "under-load: $n CPU hogs running (pids ${hogs[*]}) beside: $*"
start=$(date +%s)
"$@"
rc=$?
echo "under-load: '$*' exited $rc after $(( $(date +%s) - start )) s beside $n CPU hogs"
exit $rc
