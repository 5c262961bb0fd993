#!/usr/bin/env bash
# Issue 4 benchmarks (edge relay), end to end on loopback: builds, starts ingest + origin (transcoder off: one
# 3 Mb/s source rendition), a looping pre-encoded publisher, our edge and Debian nginx as the usual HLS edge
# (proxy_cache + proxy_cache_lock) in front of the same origin, then
#   a) wrk against cached parts / segments: our edge vs nginx, alternated, same URL list, same client;
#   b) simulated LL-HLS viewers (bench/LoadGenerator) on one edge, N = STEPS until the first N with a stall,
#      a fresh edge per step, its RSS and CPU sampled; the edge-hop probe runs alongside;
#   c) edge hop for preload-hinted parts (held at origin and via the edge, same moment) without viewer load,
#      and ingest-to-playback latency of hls.js in headless chromium on the edge's /watch page.
# Every step runs under `timeout`; every process it starts is stopped by PID on exit.
# Usage: bench/edge/run-issue4.sh
# Env: STEPS="50 100 200 400 800" STEP_SECONDS=30 STEP_WARMUP=10 WRK_SECONDS=15 WRK_CONNECTIONS=100 WRK_ROUNDS=2
#      PROBE_SECONDS=30 BROWSER_SECONDS=25 SKIP_BUILD=0 OUT=/tmp/bench-issue4-<date> NICE=0 (niceness for all servers
#      and clients alike; e.g. NICE=-10 as root to shield the measurement from other work on a shared machine)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
STEPS=${STEPS:-50 100 200 400 800}
STEP_SECONDS=${STEP_SECONDS:-30}
STEP_WARMUP=${STEP_WARMUP:-10}
WRK_SECONDS=${WRK_SECONDS:-15}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-100}
WRK_ROUNDS=${WRK_ROUNDS:-2}
PROBE_SECONDS=${PROBE_SECONDS:-30}
BROWSER_SECONDS=${BROWSER_SECONDS:-25}
NICE=${NICE:-0}
RUN=(nice -n "$NICE")
OUT=${OUT:-/tmp/bench-issue4-$(date +%Y%m%d-%H%M%S)}
STREAM=bench4
MEDIA=$ROOT/bench/.cache/input-720p30-3mbps.flv
WORK=$(mktemp -d /dev/shm/bench-issue4.XXXXXX)   # nginx's proxy_cache lives here (tmpfs, like our in-memory cache)
chmod 755 "$WORK"                                   # nginx workers drop root privileges
ORIGIN_DLL=$ROOT/src/Transcode/bin/Release/net10.0/Streaming.Transcode.dll
INGEST_DLL=$ROOT/src/Ingest/bin/Release/net10.0/Streaming.Ingest.dll
EDGE_DLL=$ROOT/src/Edge/bin/Release/net10.0/Streaming.Edge.dll
LOADGEN=$ROOT/bench/LoadGenerator/bin/Release/net10.0/Streaming.Bench.LoadGenerator.dll
STARTED=()
EDGE_PID=
mkdir -p "$OUT"
SUMMARY=$OUT/summary.txt

say() { printf '%s\n' "$*" | tee -a "$SUMMARY" >&2; }

cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do stop_pid "$pid"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cpu_ticks() {  # pids... -> utime+stime (clock ticks) summed
  local pid total=0 f
  for pid in "$@"; do
    f=$(cut -d' ' -f14,15 "/proc/$pid/stat" 2>/dev/null) || continue
    total=$((total + ${f% *} + ${f#* }))
  done
  echo "$total"
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

machine_info() {
  say "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  say "cpu: $(nproc) x $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
  say "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  say "kernel: $(uname -r); dotnet $(dotnet --version); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -1 | cut -c1-40); $(/usr/bin/chromium --version 2>/dev/null)"
  say "nice: $NICE; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  log "building"
  for p in src/Transcode src/Ingest src/Edge bench/LoadGenerator; do
    timeout 600 dotnet build "$p" -c Release -v q -nologo >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
  done
fi
[[ -d bench/edge/browser/node_modules/playwright-core ]] || (cd bench/edge/browser && timeout 300 npm ci --no-audit --no-fund >&2)
command -v wrk >/dev/null || { log "wrk missing: apt-get install -y wrk"; exit 1; }
bash bench/make-media.sh "$MEDIA"
: >"$SUMMARY"
machine_info

# --- the stack: origin, ingest, publisher --------------------------------------------------------------------------
ORIGIN_PORT=$(free_port); LINK_PORT=$(free_port); RTMP_PORT=$(free_port); API_PORT=$(free_port)
CLUSTER=(STREAMING__CLUSTER__ORIGINS__0__NAME=o0 STREAMING__CLUSTER__ORIGINS__0__LINK=127.0.0.1:$LINK_PORT
  STREAMING__CLUSTER__ORIGINS__0__HTTP=http://127.0.0.1:$ORIGIN_PORT)
env STREAMING__ORIGIN__LISTENADDRESS=127.0.0.1 STREAMING__ORIGIN__HTTPPORT=$ORIGIN_PORT STREAMING__ORIGIN__LINKPORT=$LINK_PORT \
  STREAMING__TRANSCODE__ENABLED=false "${RUN[@]}" dotnet "$ORIGIN_DLL" >"$OUT/origin.log" 2>&1 &
STARTED+=($!)
env STREAMING__INGEST__LISTENADDRESS=127.0.0.1 STREAMING__INGEST__RTMPPORT=$RTMP_PORT STREAMING__INGEST__APIPORT=$API_PORT \
  "${CLUSTER[@]}" "${RUN[@]}" dotnet "$INGEST_DLL" >"$OUT/ingest.log" 2>&1 &
STARTED+=($!)
wait_http "http://127.0.0.1:$ORIGIN_PORT/healthz" 30
wait_tcp "$RTMP_PORT" 60
timeout 3600 "${RUN[@]}" ffmpeg -hide_banner -loglevel error -nostdin -re -stream_loop -1 -i "$MEDIA" \
  -c copy -f flv "rtmp://127.0.0.1:$RTMP_PORT/live/$STREAM" >"$OUT/publisher.log" 2>&1 &
STARTED+=($!)
wait_http "http://127.0.0.1:$ORIGIN_PORT/live/$STREAM/source/index.m3u8" 30

start_edge() {  # sets EDGE_PORT, EDGE_PID
  EDGE_PORT=$(free_port)
  env STREAMING__EDGE__LISTENADDRESS=127.0.0.1 STREAMING__EDGE__HTTPPORT=$EDGE_PORT STREAMING__EDGE__MAXCONNECTIONSPERIP=0 \
    "${CLUSTER[@]}" "${RUN[@]}" dotnet "$EDGE_DLL" >>"$OUT/edge.log" 2>&1 &
  EDGE_PID=$!
  STARTED+=("$EDGE_PID")
  wait_http "http://127.0.0.1:$EDGE_PORT/live/$STREAM/source/index.m3u8" 30
}

stop_edge() { stop_pid "$EDGE_PID"; EDGE_PID=; }

loadgen() {  # label json args...
  local label=$1 json=$2; shift 2
  timeout 400 "${RUN[@]}" dotnet "$LOADGEN" --stream "$STREAM" --label "$label" --json "$json" "$@" 2>>"$OUT/loadgen.log" \
    | tee -a "$OUT/loadgen.txt" >&2
}

# --- c1) edge hop for a held part, no other load ---------------------------------------------------------------
start_edge
say ""
say "## c) edge hop, idle ($PROBE_SECONDS s, one client: hinted part held at origin and via edge at the same moment)"
loadgen "hop-idle" "$OUT/hop-idle.json" --url "http://127.0.0.1:$EDGE_PORT" --viewers 0 --duration "$PROBE_SECONDS" \
  --warmup 3 --probe-origin "http://127.0.0.1:$ORIGIN_PORT"
python3 - "$OUT/hop-idle.json" <<'EOF' | tee -a "$SUMMARY" >&2
import json, sys
r = json.load(open(sys.argv[1]))
d, o, e = r["HopDeltaMs"], r["HopOriginMs"], r["HopEdgeMs"]
print(f"hop delta (edge - origin completion): p50 {d['P50']:.2f} ms, p99 {d['P99']:.2f} ms, max {d['Max']:.2f} ms, n={d['Count']}")
print(f"held part direct p50 {o['P50']:.1f} ms; via edge p50 {e['P50']:.1f} ms")
EOF

# --- a) cached parts / segments: our edge vs nginx --------------------------------------------------------------
NGINX_PORT=$(free_port)
sed -e "s|@WORK@|$WORK|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@ORIGIN@|127.0.0.1:$ORIGIN_PORT|g" \
  bench/edge/nginx-edge.conf.in >"$WORK/nginx.conf"
cp "$WORK/nginx.conf" "$OUT/nginx.conf"
"${RUN[@]}" nginx -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" >"$OUT/nginx.log" 2>&1 &
NGINX_PID=$!
STARTED+=("$NGINX_PID")
wait_http "http://127.0.0.1:$NGINX_PORT/live/$STREAM/source/index.m3u8" 15
sleep 1
# The newest objects (older ones slide out of the origin's window while we warm up): parts of the last two
# segments and the last four segments. Each URL is fetched through both edges, then kept only if both answer
# it from cache (X-Cache: HIT), so the lists are identical for both servers.
PLAYLIST=$(curl -sf "http://127.0.0.1:$ORIGIN_PORT/live/$STREAM/source/index.m3u8")
grep -o '[0-9a-f]\{12\}-part[0-9]*\.[0-9]*\.m4s' <<<"$PLAYLIST" | tail -10 | sed "s|^|/live/$STREAM/source/|" >"$WORK/urls-parts.txt"
grep -E '^[0-9a-f]{12}-seg[0-9]+\.m4s$' <<<"$PLAYLIST" | tail -4 | sed "s|^|/live/$STREAM/source/|" >"$WORK/urls-segments.txt"
for list in parts segments; do
  for server in "$EDGE_PORT" "$NGINX_PORT"; do
    while read -r path; do
      curl -s -o /dev/null --max-time 10 "http://127.0.0.1:$server$path" || true
      curl -s -o /dev/null --max-time 10 "http://127.0.0.1:$server$path" || true
    done <"$WORK/urls-$list.txt"
  done
  : >"$OUT/urls-$list.txt"
  while read -r path; do
    e=$(curl -s -D - -o /dev/null --max-time 5 "http://127.0.0.1:$EDGE_PORT$path" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" { print $2 }')
    n=$(curl -s -D - -o /dev/null --max-time 5 "http://127.0.0.1:$NGINX_PORT$path" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" { print $2 }')
    if [[ $e == HIT && $n == HIT ]]; then echo "$path" >>"$OUT/urls-$list.txt"; else log "dropped $path (edge ${e:-?}, nginx ${n:-?})"; fi
  done <"$WORK/urls-$list.txt"
  [[ -s $OUT/urls-$list.txt ]] || { log "no cached $list URLs"; exit 1; }
  say "$list: $(wc -l <"$OUT/urls-$list.txt") URLs cached in both, $(while read -r p; do curl -s "http://127.0.0.1:$EDGE_PORT$p" | wc -c; done <"$OUT/urls-$list.txt" | awk '{ s += $1 } END { printf "%.0f KiB average", s / NR / 1024 }')"
done

say ""
say "## a) cached objects, wrk -t2 -c$WRK_CONNECTIONS -d${WRK_SECONDS}s, $WRK_ROUNDS rounds alternated (edge, nginx, ...)"
WRK_PARSE=$(cat <<'EOF'
import re, sys
name, kind, ticks, seconds, load = sys.argv[1:6]
text = sys.stdin.read()
def value(pattern, default="0"):
    m = re.search(pattern, text)
    return m.group(1) if m else default
rps = float(value(r"Requests/sec:\s+([\d.]+)"))
t = value(r"Transfer/sec:\s+([\d.]+\w+)")
num, unit = float(re.match(r"[\d.]+", t).group(0)), re.search(r"[A-Za-z]+", t).group(0)
mbps = num * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[unit] * 8 / 1e6
errors = value(r"Non-2xx or 3xx responses:\s+(\d+)")
sock = value(r"Socket errors: ([^\n]+)", "none")
p50, p99 = value(r"50%\s+([\d.]+\w+)", "?"), value(r"99%\s+([\d.]+\w+)", "?")
cores = int(ticks) / 100 / float(seconds)
print(f"{kind:8} {name:5} {rps:9.0f} req/s {mbps:8.0f} Mb/s  latency p50 {p50} p99 {p99}  server CPU {cores:.2f} cores  non-2xx {errors}  socket errors {sock}  load {load}")
EOF
)
for list in parts segments; do
  for round in $(seq "$WRK_ROUNDS"); do
    for name in edge nginx; do
      port=$EDGE_PORT; [[ $name == nginx ]] && port=$NGINX_PORT
      pids=$EDGE_PID; [[ $name == nginx ]] && pids="$(pgrep -P "$NGINX_PID" | tr '\n' ' ') $NGINX_PID"
      before=$(cpu_ticks $pids)
      out=$(timeout $((WRK_SECONDS + 30)) "${RUN[@]}" wrk -t2 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency \
        -s bench/edge/urls.lua "http://127.0.0.1:$port" -- "$OUT/urls-$list.txt")
      after=$(cpu_ticks $pids)
      printf '%s\n' "$out" >>"$OUT/wrk-$name-$list.txt"
      python3 -c "$WRK_PARSE" "$name" "$list" "$((after - before))" "$WRK_SECONDS" "$(cut -d' ' -f1 /proc/loadavg)" <<<"$out" \
        | tee -a "$SUMMARY" "$OUT/wrk-lines.txt" >&2
    done
  done
done
python3 - "$OUT/wrk-lines.txt" <<'EOF' | tee -a "$SUMMARY" >&2
import re, sys, collections
rows = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    kind, name, rps, _, mbps = line.split()[:5]
    rows[kind][name].append((float(rps), float(mbps)))
for kind, servers in rows.items():
    mean = {n: (sum(r for r, _ in v) / len(v), sum(m for _, m in v) / len(v)) for n, v in servers.items()}
    e, n = mean["edge"], mean["nginx"]
    print(f"{kind}: edge {e[0]:.0f} req/s {e[1]:.0f} Mb/s, nginx {n[0]:.0f} req/s {n[1]:.0f} Mb/s -> ratio edge/nginx {e[0] / n[0]:.2f}")
EOF
stop_pid "$NGINX_PID"

# --- b) viewers per edge --------------------------------------------------------------------------------------
stop_edge
say ""
say "## b) simulated LL-HLS viewers on one edge (fresh edge per step, ${STEP_SECONDS} s per step, first ${STEP_WARMUP} s not counted)"
for n in $STEPS; do
  start_edge
  curl -sf -o /dev/null "http://127.0.0.1:$EDGE_PORT/live/$STREAM/source/$(grep -o '[0-9a-f]\{12\}-init[-0-9]*\.mp4' <<<"$PLAYLIST" | head -1)" || true
  sleep 2
  ramp=$(python3 -c "print(min(8, max(2, $n / 100)))")
  log "step: $n viewers (ramp $ramp s), load $(cut -d' ' -f1-3 /proc/loadavg)"
  loadgen "viewers-$n" "$OUT/viewers-$n.json" --url "http://127.0.0.1:$EDGE_PORT" --viewers "$n" --duration "$STEP_SECONDS" \
    --warmup "$STEP_WARMUP" --ramp "$ramp" --sample-pid "$EDGE_PID" --probe-origin "http://127.0.0.1:$ORIGIN_PORT" || true
  curl -sf "http://127.0.0.1:$EDGE_PORT/metrics" | grep -E '^streaming_edge_(upstream_fetches_total|requests_total)' >"$OUT/metrics-$n.txt" || true
  stop_edge
  python3 - "$OUT/viewers-$n.json" "$(cut -d' ' -f1 /proc/loadavg)" "$OUT/stalls-$n.txt" <<'EOF' | tee -a "$SUMMARY" >&2
import json, sys
r = json.load(open(sys.argv[1]))
p, d, pl = r["Process"], r["HopDeltaMs"], r["PlaybackLatencyMs"]
print(f"N={r['Viewers']:5} playing {r['ViewersStarted']:5}  {r['DeliveredMbitPerSecond']:7.1f} Mb/s  per viewer p50 {r['ViewerMbitPerSecond']['P50']:.2f} min {r['ViewerMbitPerSecond']['Min']:.2f}  "
      f"{r['RequestsPerSecond']:6.0f} req/s  stalls {r['Stalls']} ({r['ViewersWithStalls']} viewers, {r['StallSeconds']:.1f} s)  gaps {r['PartGaps']}  "
      f"errors {sum(r['Errors'].values())}  playback latency p50 {pl['P50']:.0f} p95 {pl['P95']:.0f} ms  "
      f"edge RSS {p['StartRssMiB']:.0f}->{p['MaxRssMiB']:.0f} MiB ({p['KiBPerViewer']:.0f} KiB/viewer)  edge CPU {p['Cores']:.2f} cores  "
      f"hop p50 {d['P50']:.1f} p99 {d['P99']:.1f} ms  load {sys.argv[2]}")
open(sys.argv[3], "w").write(str(r["Stalls"] + r["Viewers"] - r["ViewersStarted"]))
EOF
  stalls=$(cat "$OUT/stalls-$n.txt" 2>/dev/null || echo missing)
  if [[ $stalls != 0 ]]; then say "stop: stalls or viewers that never started at N=$n"; break; fi
done

# --- c2) hls.js in chromium -------------------------------------------------------------------------------------
start_edge
say ""
say "## c) hls.js ingest-to-playback latency on /watch/$STREAM via the edge (${BROWSER_SECONDS} s, 2 samples/s)"
timeout $((BROWSER_SECONDS + 90)) "${RUN[@]}" node bench/edge/browser/latency.mjs "http://127.0.0.1:$EDGE_PORT/watch/$STREAM" \
  "$BROWSER_SECONDS" "$OUT/watch.png" >"$OUT/browser.json" || true
python3 - "$OUT/browser.json" <<'EOF' | tee -a "$SUMMARY" >&2
import json, sys
r = json.loads(open(sys.argv[1]).read() or "{}")
l = r.get("latency", {})
print(f"hls.js latency: p50 {l.get('p50')} s, p95 {l.get('p95')} s, min {l.get('min')}, max {l.get('max')} (n={l.get('count')}); "
      f"played {r.get('playedSeconds', 0):.1f} s; target latency {r.get('targetLatency')}; errors {r.get('errors')}; failure {r.get('failure')}")
EOF
stop_edge
say ""
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); results in $OUT"
