#!/usr/bin/env bash
# Issue 5 benchmark (archiver): archive lag (segment listed complete at the origin -> confirmed in the store) with
# $STREAMS concurrent streams against a local S3 API server (npm s3rver, as tests/Archive.Tests start it), and the
# archiver's CPU and memory per stream.
#   s3rver + origin (transcoding off, sources only) + ingest + archiver (store s3), then $STREAMS light publishers
#   (`ffmpeg -re -stream_loop -1 -c copy` of one pre-encoded 240p 300 kb/s FLV, 2 s GOP -> 2 s segments), a warm-up,
#   /metrics of the archiver snapshotted at the start and the end of a $SECONDS window; CPU of the archiver from
#   process_cpu_seconds_total, memory from process_resident_memory_bytes / dotnet_gc_heap_bytes against idle;
#   s3rver's CPU from /proc. After the publishers stop, the backlog gets DRAIN seconds, then objects are counted.
# Loopback only, every step under `timeout`, every process it starts is stopped by PID on exit.
# Usage: bench/archive/run-issue5.sh     Env: STREAMS=50 SECONDS_=60 WARMUP=20 DRAIN=30 SKIP_BUILD=0 OUT=<file>
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
STREAMS=${STREAMS:-50}
WINDOW=${SECONDS_:-60}
WARMUP=${WARMUP:-20}
DRAIN=${DRAIN:-30}
WORK=$(mktemp -d /tmp/bench-issue5.XXXXXX)
OUT=${OUT:-$WORK/results.md}
CACHE=$ROOT/bench/archive/.cache
MEDIA=$CACHE/light-240p30-300k.flv
ORIGIN_DLL=$ROOT/src/Transcode/bin/Release/net10.0/Streaming.Transcode.dll
INGEST_DLL=$ROOT/src/Ingest/bin/Release/net10.0/Streaming.Ingest.dll
ARCHIVE_DLL=$ROOT/src/Archive/bin/Release/net10.0/Streaming.Archive.dll
S3RVER=$ROOT/tests/Archive.Tests/s3/node_modules/s3rver/bin/s3rver.js
PROM=$ROOT/bench/transcode/prom.py
LIMIT=$((WARMUP + WINDOW + DRAIN + 180))
STARTED=()
PUBLISHERS=()

stop_publishers() {
  local pid
  for pid in "${PUBLISHERS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PUBLISHERS[@]}"; do stop_pid "$pid"; done
  PUBLISHERS=()
}
cleanup() {
  stop_publishers
  local pid
  for pid in "${STARTED[@]}"; do stop_pid "$pid"; done
  rm -rf "$WORK/s3" "$WORK/spool"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

kv() { grep "^$2=" "$1" | head -1 | cut -d= -f2-; }
calc() { python3 -c "print(format($1, '$2'))"; }
# CPU seconds (utime+stime) of a process and its descendants
tree_cpu() {
  local pids=("$1") p sum=0 i=0 t
  while (( i < ${#pids[@]} )); do
    for p in $(cat "/proc/${pids[$i]}/task/"*/children 2>/dev/null); do pids+=("$p"); done
    i=$((i + 1))
  done
  for p in "${pids[@]}"; do
    t=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$p/stat" 2>/dev/null || echo 0)
    sum=$((sum + t))
  done
  calc "$sum/$(getconf CLK_TCK)" .2f
}
snap() { curl -sf --max-time 5 "http://127.0.0.1:$ARCHIVE_PORT/metrics" >"$WORK/$1.prom"; }

DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "work dir $WORK"
[[ -f $S3RVER ]] || { log "s3rver missing: run the Archive tests once (they npm-install it into tests/Archive.Tests/s3)"; exit 1; }
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  log "building (Release)"
  timeout 900 dotnet build "$ROOT/Streaming.sln" -c Release -v q -nologo >"$WORK/build.log" 2>&1 \
    || { tail -30 "$WORK/build.log" >&2; log "build failed (log: $WORK/build.log)"; exit 1; }
fi
if [[ ! -s $MEDIA ]]; then
  log "light input (generated once): 10 s 426x240 30 fps 300 kb/s, 2 s GOP, AAC 64 kb/s"
  mkdir -p "$CACHE"
  timeout 300 ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=426x240:rate=30" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t 10 -map 0:v -map 1:a \
    -c:v libx264 -preset veryfast -profile:v main -pix_fmt yuv420p -b:v 300k -maxrate 300k -bufsize 600k \
    -g 60 -keyint_min 60 -sc_threshold 0 -bf 0 -c:a aac -b:a 64k -ac 2 -f flv "$MEDIA.tmp.flv"
  mv "$MEDIA.tmp.flv" "$MEDIA"
fi

S3_PORT=$(free_port); HTTP=$(free_port); LINK=$(free_port); RTMP=$(free_port); API=$(free_port); ARCHIVE_PORT=$(free_port)
mkdir -p "$WORK/s3" "$WORK/spool"
log "s3rver on 127.0.0.1:$S3_PORT"
NODE_OPTIONS=--openssl-legacy-provider timeout "$LIMIT" node "$S3RVER" -d "$WORK/s3" -a 127.0.0.1 -p "$S3_PORT" --silent \
  --configure-bucket archive >"$WORK/s3rver.log" 2>&1 &
S3_PID=$!; STARTED+=("$S3_PID")
wait_tcp "$S3_PORT" 30
CLUSTER=(STREAMING__CLUSTER__ORIGINS__0__NAME=o0 STREAMING__CLUSTER__ORIGINS__0__LINK=127.0.0.1:$LINK
  STREAMING__CLUSTER__ORIGINS__0__HTTP=http://127.0.0.1:$HTTP)
env STREAMING__ORIGIN__LISTENADDRESS=127.0.0.1 STREAMING__ORIGIN__HTTPPORT=$HTTP STREAMING__ORIGIN__LINKPORT=$LINK \
  STREAMING__TRANSCODE__ENABLED=false timeout "$LIMIT" dotnet "$ORIGIN_DLL" >"$WORK/origin.log" 2>&1 &
STARTED+=("$!")
env STREAMING__INGEST__LISTENADDRESS=127.0.0.1 STREAMING__INGEST__RTMPPORT=$RTMP STREAMING__INGEST__APIPORT=$API "${CLUSTER[@]}" \
  timeout "$LIMIT" dotnet "$INGEST_DLL" >"$WORK/ingest.log" 2>&1 &
STARTED+=("$!")
env STREAMING__ARCHIVE__LISTENADDRESS=127.0.0.1 STREAMING__ARCHIVE__HTTPPORT=$ARCHIVE_PORT STREAMING__ARCHIVE__STORE=s3 \
  STREAMING__ARCHIVE__SPOOLDIRECTORY="$WORK/spool" STREAMING__ARCHIVE__S3__BUCKET=archive \
  STREAMING__ARCHIVE__S3__SERVICEURL=http://127.0.0.1:$S3_PORT STREAMING__ARCHIVE__S3__FORCEPATHSTYLE=true \
  STREAMING__ARCHIVE__S3__ACCESSKEYID=S3RVER STREAMING__ARCHIVE__S3__SECRETACCESSKEY=S3RVER "${CLUSTER[@]}" \
  timeout "$LIMIT" dotnet "$ARCHIVE_DLL" >"$WORK/archive.log" 2>&1 &
ARCHIVE_PID=$!; STARTED+=("$ARCHIVE_PID")
wait_http "http://127.0.0.1:$HTTP/healthz" 60
wait_http "http://127.0.0.1:$API/healthz" 60
wait_http "http://127.0.0.1:$ARCHIVE_PORT/healthz" 60
wait_tcp "$RTMP" 30
sleep 3
snap idle

log "$STREAMS publishers (ffmpeg -re -stream_loop -1 -c copy), ${WARMUP}s warm-up, ${WINDOW}s window"
for i in $(seq 0 $((STREAMS - 1))); do
  timeout "$LIMIT" ffmpeg -hide_banner -nostdin -loglevel error -re -stream_loop -1 -i "$MEDIA" -c copy -f flv \
    "rtmp://127.0.0.1:$RTMP/live/s$i" >"$WORK/pub-$i.log" 2>&1 &
  PUBLISHERS+=("$!")
  sleep 0.1
done
sleep "$WARMUP"
snap a; CPU_A=$(tree_cpu "$ARCHIVE_PID"); S3_CPU_A=$(tree_cpu "$S3_PID"); T_A=$(date +%s.%N)
echo "t spool_objects spool_bytes rss_mb sessions" >"$WORK/timeline.txt"
PEAK_RSS=0
BEGIN=$SECONDS
while (( SECONDS - BEGIN < WINDOW )); do   # bounded: ends after WINDOW seconds
  sleep 5
  t=$((SECONDS - BEGIN))
  snap now || continue
  rss=$($PROM value "$WORK/now.prom" process_resident_memory_bytes)
  PEAK_RSS=$(calc "max($PEAK_RSS, $rss)" .0f)
  echo "$t $($PROM value "$WORK/now.prom" streaming_archive_spool_objects) $($PROM value "$WORK/now.prom" streaming_archive_spool_bytes) $(calc "$rss/1048576" .1f) $($PROM value "$WORK/now.prom" streaming_archive_sessions_active)" >>"$WORK/timeline.txt"
done
snap b; CPU_B=$(tree_cpu "$ARCHIVE_PID"); S3_CPU_B=$(tree_cpu "$S3_PID"); T_B=$(date +%s.%N)
ALIVE=0; for pid in "${PUBLISHERS[@]}"; do kill -0 "$pid" 2>/dev/null && ALIVE=$((ALIVE + 1)); done
log "stopping publishers ($ALIVE/$STREAMS still running), ${DRAIN}s for the backlog"
stop_publishers
for i in $(seq "$DRAIN"); do
  sleep 1
  snap end || continue
  [[ $($PROM value "$WORK/end.prom" streaming_archive_spool_objects) == 0 && $($PROM value "$WORK/end.prom" streaming_archive_sessions_active) == 0 ]] && break
done
snap end || true
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
timeout 120 python3 "$ROOT/bench/archive/lag_from_bucket.py" "$WORK/s3" "$T_A" "$T_B" | sed 's/^/bucket_lag_/' >"$WORK/bucket-lag.txt" || true
M4S=$(find "$WORK/s3" -name '*.m4s._S3rver_object' | wc -l)
ENDLIST=$(grep -rl --include='*.m3u8._S3rver_object' EXT-X-ENDLIST "$WORK/s3" 2>/dev/null | wc -l || true)

A=$WORK/a.prom B=$WORK/b.prom I=$WORK/idle.prom E=$WORK/end.prom R=$WORK/raw.txt
{
  echo "window_s=$(calc "$T_B-$T_A" .1f)"
  echo "cpu_s=$(calc "$CPU_B-$CPU_A" .2f)"
  echo "cpu_metric_s=$($PROM delta "$A" "$B" process_cpu_seconds_total)"
  echo "s3rver_cpu_s=$(calc "$S3_CPU_B-$S3_CPU_A" .2f)"
  $PROM quantiles "$A" "$B" streaming_archive_lag_seconds 0.5 0.9 0.99 | sed 's/^/lag_/'
  $PROM quantiles "$A" "$B" streaming_archive_upload_duration_seconds 0.5 0.99 | sed 's/^/upload_/'
  echo "segments_window=$($PROM delta "$A" "$B" streaming_archive_segments_total)"
  echo "bytes_window=$($PROM delta "$A" "$B" streaming_archive_bytes_total)"
  $PROM by "$I" "$E" streaming_archive_uploads_total result | sed 's/^/uploads_/'
  $PROM by "$I" "$E" streaming_archive_failures_total cause | sed 's/^/failures_/'
  echo "segments_total=$($PROM value "$E" streaming_archive_segments_total)"
  echo "segments_lost=$($PROM value "$E" streaming_archive_segments_lost_total)"
  echo "segments_dropped=$($PROM value "$E" streaming_archive_segments_dropped_total)"
  echo "spool_objects_end=$($PROM value "$E" streaming_archive_spool_objects)"
  echo "sessions_end=$($PROM value "$E" streaming_archive_sessions_active)"
  echo "rss_idle=$($PROM value "$I" process_resident_memory_bytes)"
  echo "rss_b=$($PROM value "$B" process_resident_memory_bytes)"
  echo "rss_peak=$PEAK_RSS"
  echo "gc_idle=$($PROM value "$I" dotnet_gc_heap_bytes)"
  echo "gc_b=$($PROM value "$B" dotnet_gc_heap_bytes)"
  echo "m4s_objects=$M4S"
  echo "endlist_playlists=$ENDLIST"
  echo "publishers_alive_at_end=$ALIVE"
  cat "$WORK/bucket-lag.txt"
} >"$R"
cat "$R" >&2
ms() { calc "($(kv "$R" "$1"))*1000" .0f; }
mb() { calc "($1)/1048576" .1f; }
W=$(kv "$R" window_s)
{
  echo "Results of \`bench/archive/run-issue5.sh\` ($DATE; STREAMS=$STREAMS SECONDS_=$WINDOW WARMUP=$WARMUP DRAIN=$DRAIN), commit $(git -C "$ROOT" rev-parse --short HEAD) plus working tree."
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB RAM, node $(node --version), s3rver 3.7.1 (data on $(df -P "$WORK" | awk 'NR==2 {print $1}')); load average $LOAD_START at start, $LOAD_END at end."
  echo
  echo "| | value |"
  echo "|---|---|"
  echo "| archive lag p50 / p90 / p99 ms (histogram, interpolated) | $(ms lag_p50) / $(ms lag_p90) / $(ms lag_p99) (buckets $(kv "$R" lag_p50_bucket) / $(kv "$R" lag_p90_bucket) / $(kv "$R" lag_p99_bucket) s) |"
  echo "| cross-check from the bucket: object mtime - (PDT + EXTINF), p50 / p90 / p99 / max ms (mean), segments | $(kv "$R" bucket_lag_p50_ms) / $(kv "$R" bucket_lag_p90_ms) / $(kv "$R" bucket_lag_p99_ms) / $(kv "$R" bucket_lag_max_ms) ($(kv "$R" bucket_lag_mean_ms)), $(kv "$R" bucket_lag_segments) (missing objects $(kv "$R" bucket_lag_missing_objects)) |"
  echo "| lag mean ms, segments confirmed in the window | $(ms lag_mean), $(kv "$R" lag_count) ($(calc "$(kv "$R" lag_count)/$W" .1f)/s) |"
  echo "| upload (one PUT) p50 / p99 ms | $(ms upload_p50) / $(ms upload_p99) |"
  echo "| archiver CPU: cores busy / ms per stream-second | $(calc "$(kv "$R" cpu_s)/$W" .3f) / $(calc "$(kv "$R" cpu_s)*1000/$W/$STREAMS" .2f) |"
  echo "| s3rver (node) CPU cores busy (not the archiver; same machine) | $(calc "$(kv "$R" s3rver_cpu_s)/$W" .3f) |"
  echo "| archiver RSS idle / end of window / peak MB; per stream MB ((end - idle) / $STREAMS) | $(mb "$(kv "$R" rss_idle)") / $(mb "$(kv "$R" rss_b)") / $(mb "$(kv "$R" rss_peak)"); $(calc "($(kv "$R" rss_b)-$(kv "$R" rss_idle))/1048576/$STREAMS" .2f) |"
  echo "| archiver GC heap idle / end MB; per stream KB | $(mb "$(kv "$R" gc_idle)") / $(mb "$(kv "$R" gc_b)"); $(calc "($(kv "$R" gc_b)-$(kv "$R" gc_idle))/1024/$STREAMS" .0f) |"
  echo "| archived bytes in window (Mb/s) | $(calc "$(kv "$R" bytes_window)*8/1e6/$W" .2f) |"
  echo "| uploads by result (whole run) | $(grep '^uploads_' "$R" | sed 's/^uploads_//' | tr '\n' ' ') |"
  echo "| failures by cause, segments lost / dropped | $(grep '^failures_' "$R" | sed 's/^failures_//' | tr '\n' ' ')$(kv "$R" segments_lost) / $(kv "$R" segments_dropped) |"
  echo "| after ${DRAIN} s drain: spool objects, active sessions, .m4s objects in the bucket, finished (ENDLIST) playlists | $(kv "$R" spool_objects_end), $(kv "$R" sessions_end), $(kv "$R" m4s_objects) (metric: $(kv "$R" segments_total)), $(kv "$R" endlist_playlists) |"
  echo "| publishers still running at the end of the window | $(kv "$R" publishers_alive_at_end)/$STREAMS |"
} >"$OUT"
cat "$OUT"
log "results: $OUT (raw files in $WORK)"
