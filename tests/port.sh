# port.sh - the port a server started with --listen 127.0.0.1:0 announces (suites and benches).

# listening_port LOG PID: the port a `narrate serve` started with --listen 127.0.0.1:0
# printed to LOG, polled for until it appears or PID ends (bound: 2 minutes, a hang).
listening_port() {
    local port="" i
    for ((i = 0; i < 1200; i++)); do
        port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$1" 2>/dev/null)
        [ -n "$port" ] && break
        kill -0 "$2" 2>/dev/null || break
        sleep 0.1
    done
    echo "$port"
}
