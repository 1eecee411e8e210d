# Shared by .ci/crash-test and .ci/scale-out (sourced): stop what the script started, pick free ports, start mock-las.

stop_pid() { # pid: TERM, then KILL after 15 s; only processes the script started
    local pid=$1
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
        || echo $((20000 + RANDOM % 20000))
}

# free_ports N: N distinct free ports, one a line
free_ports() {
    local ports=() p
    while [[ ${#ports[@]} -lt $1 ]]; do
        p="$(free_port)"
        [[ " ${ports[*]} " == *" $p "* ]] || ports+=("$p")
    done
    printf '%s\n' "${ports[@]}"
}

# start_mock_las JAR PORT LOG: the mock LAS in the background, answering after 50 ms (a real LAS takes a moment,
# which keeps attempts in flight when a kill comes) and keeping every call; sets MOCK_PID, returns once it answers.
start_mock_las() {
    local jar=$1 port=$2 log=$3
    java -Xmx256m -jar "$jar" mock-las --port "$port" --keep-calls 1000000 --keep-dossiers 0 --delay-ms 50 \
        > "$log" 2>&1 &
    MOCK_PID=$!
    for _ in $(seq 1 240); do
        curl -fsS -o /dev/null --max-time 2 "http://localhost:$port/mock/received" 2>/dev/null && return 0
        kill -0 "$MOCK_PID" 2>/dev/null || { echo "the mock LAS did not start:" >&2; tail -n 30 "$log" >&2; return 1; }
        sleep 0.5
    done
    echo "the mock LAS did not answer within 120 s" >&2
    return 1
}
