# Shared helpers of the benchmark scripts (source it after setting ROOT). Loopback only.
# Scripts keep the PIDs they start in the STARTED array; stop_all stops them.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

stop_pid() {  # pid: TERM, up to 10 s, then KILL
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_all() {
  local pid
  for pid in "${STARTED[@]}"; do stop_pid "$pid"; done
  STARTED=()
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

wait_http() {  # url seconds
  local i
  for i in $(seq $(($2 * 10))); do curl -sf -o /dev/null --max-time 1 "$1" && return 0; sleep 0.1; done
  log "not ready: $1"; return 1
}

wait_tcp() {  # port seconds
  local i
  for i in $(seq $(($2 * 10))); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  log "not listening: 127.0.0.1:$1"; return 1
}
