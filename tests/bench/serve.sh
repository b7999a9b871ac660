#!/usr/bin/env bash
# serve.sh - wrk on a cached MP3: narrate serve against a throwaway unprivileged nginx serving the same file.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
T=$(mktemp -d "${TMPDIR:-/tmp}/narrate-bench-serve-XXXXXX")
chmod 755 "$T"
trap 'kill $(jobs -p) 2>/dev/null; [ -f "$T/nginx.pid" ] && kill "$(cat "$T/nginx.pid")" 2>/dev/null; rm -rf "$T"' EXIT
export NARRATE_CACHE=$T/cache
DUR=${DUR:-5} CONN=${CONN:-32}

. tests/port.sh   # listening_port

"$BUILD/narrate" serve --listen 127.0.0.1:0 --articles samples 2>"$T/narrate.log" &
port=$(listening_port "$T/narrate.log" $!)
curl -sf -o /dev/null "http://127.0.0.1:$port/audio/seed.mp3" || { echo "narrate serve did not answer"; exit 1; }
key=$("$BUILD/narrate" key samples/seed.txt)
mkdir -p "$T/www" "$T/tmp"
cp "$NARRATE_CACHE/${key:0:2}/$key.mp3" "$T/www/seed.mp3"
chmod -R a+rX "$T/www" && chmod 777 "$T/tmp"
nport=$((port + 1))
cat >"$T/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $T/tmp/nginx.pid;
error_log $T/tmp/error.log;
events { worker_connections 1024; }
http {
    types { audio/mpeg mp3; }
    access_log $T/tmp/access.log;
    sendfile on; tcp_nopush on; etag on;
    client_body_temp_path $T/tmp/body; proxy_temp_path $T/tmp/proxy; fastcgi_temp_path $T/tmp/fcgi;
    uwsgi_temp_path $T/tmp/uwsgi; scgi_temp_path $T/tmp/scgi;
    server { listen 127.0.0.1:$nport; root $T/www; }
}
CONF
# Unprivileged: as nobody when we are root.
run=(); [ "$(id -u)" = 0 ] && run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
"${run[@]}" nginx -c "$T/nginx.conf" -e "$T/tmp/error.log" &
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$nport/seed.mp3" && break; sleep 0.1; done
bench() { wrk -t2 -c"$CONN" -d"${DUR}s" "$1" 2>&1; }
echo "file: seed MP3, $(stat -c %s "$T/www/seed.mp3") bytes; wrk -t2 -c$CONN -d${DUR}s; both log every request"
a=$(bench "http://127.0.0.1:$port/audio/seed.mp3"); echo "$a" | sed 's/^/narrate  /'
b=$(bench "http://127.0.0.1:$nport/seed.mp3"); echo "$b" | sed 's/^/nginx    /'
ra=$(echo "$a" | sed -n 's/Requests\/sec: *//p'); rb=$(echo "$b" | sed -n 's/Requests\/sec: *//p')
echo "narrate serve $ra req/s, nginx $rb req/s, ratio $(awk -v a="$ra" -v b="$rb" 'BEGIN { printf "%.2f", a / b }')"

# Slowloris: one address (127.0.0.1) holds SLOW (4,000) connections trickling header bytes,
# reopening each one the server closes; meanwhile another address (127.0.0.2) makes 200
# requests one after another, /healthz and the cached MP3 in turn: their latency and errors.
SLOW=${SLOW:-4000}
cc -std=c17 -D_GNU_SOURCE -O2 -o "$T/slowloris" tests/serve/slowloris.c
"$T/slowloris" "$port" "$SLOW" 600 reconnect >"$T/slow.out" &
slow=$!
for _ in $(seq 600); do grep -q '^opened' "$T/slow.out" && break; sleep 0.1; done
sleep 2
: >"$T/other"
for i in $(seq 200); do
    u=/healthz; [ $((i % 2)) = 0 ] && u=/audio/seed.mp3
    curl -s -m 30 --interface 127.0.0.2 -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port$u" >>"$T/other"
done
kill -TERM "$slow"; wait "$slow"
pct() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; print v[i] }'; }
errors=$(grep -vc '^200 ' "$T/other")
echo "slowloris: $(head -1 "$T/slow.out"), at the end: $(tail -1 "$T/slow.out")"
echo "slowloris: other address, 200 requests: p50 $(cut -d' ' -f2 "$T/other" | pct 50) s, p99 $(cut -d' ' -f2 "$T/other" | pct 99) s, max $(cut -d' ' -f2 "$T/other" | pct 100) s, errors $errors"

# Articles directory: 1,500 articles listed at start; one more added; the next requests' time
# (only the new file is parsed, outside the catalog's lock).
mkdir -p "$T/many"
for i in $(seq 1500); do sed "s/^Title: .*/Title: Story $i/" samples/short.txt >"$T/many/s$i.txt"; done
"$BUILD/narrate" serve --listen 127.0.0.1:0 --articles "$T/many" 2>"$T/many.log" &
mport=$(listening_port "$T/many.log" $!)
curl -s -o /dev/null "http://127.0.0.1:$mport/"
sed "s/^Title: .*/Title: Story new/" samples/short.txt >"$T/many/new.txt"
t1=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$mport/articles/new")
t2=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$mport/")
echo "articles: 1,500 listed, one added: the next request $t1 s (GET /articles/new), then GET / $t2 s"
