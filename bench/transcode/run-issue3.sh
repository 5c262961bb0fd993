#!/usr/bin/env bash
# Issue 3 benchmarks (transcoder), end to end: builds, then
#   a. throughput: our ladder (bench/transcode/TranscodeBench drives StreamTranscoder in-process, every event queued
#      first, fed as fast as it goes; timed after an untimed warm-up pass over the input, so JIT/tiering is not in it,
#      as in a long-running origin; ffmpeg's wall time includes its process start, about 0.1 s) against Debian's ffmpeg CLI doing the same ladder with the same x264 settings
#      (one decode, split + bicubic scale per rung, libx264, -f null), alternating ours/ffmpeg, ROUNDS times, on the
#      720p30 and 1080p30 inputs; plus single-rung and decode-only runs of ours for CPU per rendition;
#   b. real time: origin+transcoder and ingest as services, one `ffmpeg -re` publisher, /metrics sampled every 2 s
#      (speed, shed level, active renditions), CPU and memory of the origin process (the transcoder runs in it);
#      720p30 -> 480p+360p (B-frames in the source, as the other inputs, and without), 1080p30 -> 720p+480p+360p,
#      and 720p30 with transcoding off (memory baseline);
#   c. added latency: streaming_transcode_encode_latency_seconds quantiles from the histogram buckets of (b), and the
#      exact quantiles of the in-process runs of (a).
# Loopback only, every step under `timeout`, every process it starts is stopped by PID on exit.
# Usage: bench/transcode/run-issue3.sh
# Env: LOOPS=2 (720p input repeats for (a); 1080p uses LOOPS_1080=1) ROUNDS=2 RT_SECONDS=40 WARMUP=15 SKIP_BUILD=0
#      OUT=<file> (results markdown; default in the work dir)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
LOOPS=${LOOPS:-2}
LOOPS_1080=${LOOPS_1080:-1}
ROUNDS=${ROUNDS:-2}
RT_SECONDS=${RT_SECONDS:-40}
WARMUP=${WARMUP:-15}
WORK=$(mktemp -d /tmp/bench-issue3.XXXXXX)
OUT=${OUT:-$WORK/results.md}
CACHE=$ROOT/bench/transcode/.cache
IN720=$ROOT/bench/.cache/input-720p30-3mbps.flv
IN1080=$CACHE/input-1080p30-5mbps.flv
IN720NOB=$CACHE/input-720p30-3mbps-nob.flv
ORIGIN_DLL=$ROOT/src/Transcode/bin/Release/net10.0/Streaming.Transcode.dll
INGEST_DLL=$ROOT/src/Ingest/bin/Release/net10.0/Streaming.Ingest.dll
BENCH_DLL=$ROOT/bench/transcode/TranscodeBench/bin/Release/net10.0/Streaming.Bench.TranscodeBench.dll
PROM=$ROOT/bench/transcode/prom.py
STARTED=()

trap stop_all EXIT
trap 'exit 130' INT TERM

kv() { grep "^$2=" "$1" | head -1 | cut -d= -f2-; }
calc() { python3 -c "print(format($1, '$2'))"; }

# make_input <out.flv> <WIDTHxHEIGHT> <kbit/s> <B-frames>: same recipe as bench/make-media.sh (20 s, 30 fps, 2 s GOP, AAC).
make_input() {
  [[ -s $1 ]] && return 0
  mkdir -p "$(dirname "$1")"
  timeout 900 ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=$2:rate=30,noise=alls=12:allf=t+u" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
    -t 20 -map 0:v -map 1:a -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p \
    -b:v "$3k" -minrate "$3k" -maxrate "$3k" -bufsize "$3k" -x264-params nal-hrd=cbr:force-cfr=1 \
    -g 60 -keyint_min 60 -sc_threshold 0 -bf "$4" -c:a aac -b:a 128k -ac 2 -f flv "$1.tmp.flv"
  mv "$1.tmp.flv" "$1"
}

# --- (a) throughput -------------------------------------------------------------------------------------------

# ours <label> <flv> <loops> [rungs|default] [mode]
ours() {
  local label=$1 flv=$2 loops=$3 rungs=${4:-default} mode=${5:-ladder}
  timeout 900 dotnet "$BENCH_DLL" --flv "$flv" --loops "$loops" --rungs "$rungs" --mode "$mode" --out "$WORK/$label.txt" >/dev/null
  log "  $label: $(kv "$WORK/$label.txt" fps) fps, cpu $(kv "$WORK/$label.txt" cpu_s) s"
}

# The x264 settings of src/Transcode/FFmpeg/H264Encoder.cs + RungEncoder.cs (docs/transcoding.md): preset veryfast,
# tune zerolatency, profile high, no B-frames, closed GOP, keyint 100000 with IDRs forced at the source keyframes
# (every 60 frames in these inputs), sc_threshold 0, forced-idr, SPS pins, threads auto (x264 slice threads).
X264=(-c:v libx264 -preset veryfast -tune zerolatency -profile:v high -pix_fmt yuv420p -bf 0 -flags +cgop -g 100000
  -sc_threshold 0 -forced-idr 1 -force_key_frames 'expr:eq(mod(n,60),0)' -x264-params ref=1:cabac=1:8x8dct=1:weightp=1)

# ffmpeg_ladder <label> <flv> <loops> <frames> <rung>... where rung = WIDTHxHEIGHT:KBPS
# One decode (1 thread, as ours), split, bicubic scale per rung (filter graph 1 thread, as ours), libx264 per rung.
ffmpeg_ladder() {
  local label=$1 flv=$2 loops=$3 frames=$4; shift 4
  local i=0 graph="[0:v]split=$#" maps=() rates=() r w h k
  for r in "$@"; do graph+="[s$i]"; i=$((i + 1)); done
  graph+=";"
  i=0
  for r in "$@"; do
    w=${r%%x*}; h=${r#*x}; h=${h%%:*}; k=${r##*:}
    graph+="[s$i]scale=$w:$h:flags=bicubic[v$i];"
    maps+=(-map "[v$i]")
    rates+=("-b:v:$i" "${k}k" "-maxrate:v:$i" "$(calc "$k*1.07" .0f)k" "-bufsize:v:$i" "$(calc "$k*1.5" .0f)k")
    i=$((i + 1))
  done
  graph=${graph%;}
  local cmd=(ffmpeg -hide_banner -nostdin -loglevel error -stream_loop $((loops - 1)) -threads 1 -i "$flv"
    -filter_complex_threads 1 -filter_complex "$graph" "${maps[@]}" -an "${X264[@]}" "${rates[@]}" -f null -)
  printf '%q ' "${cmd[@]}" >"$WORK/$label.cmd"
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "user=%U\nsys=%S" -o "$WORK/$label.time" timeout 900 "${cmd[@]}"
  t1=$(date +%s.%N)
  local wall user sys
  wall=$(calc "$t1-$t0" .3f); user=$(kv "$WORK/$label.time" user); sys=$(kv "$WORK/$label.time" sys)
  {
    echo "source_frames=$frames"
    echo "wall_s=$wall"
    echo "fps=$(calc "$frames/$wall" .1f)"
    echo "cpu_s=$(calc "$user+$sys" .2f)"
    echo "cpu_ms_per_source_frame=$(calc "($user+$sys)*1000/$frames" .3f)"
  } >"$WORK/$label.txt"
  log "  $label: $(kv "$WORK/$label.txt" fps) fps, cpu $(kv "$WORK/$label.txt" cpu_s) s"
}

# --- (b) real time --------------------------------------------------------------------------------------------

# realtime <label> <flv> <transcode enabled true|false>
realtime() {
  local label=$1 flv=$2 enabled=$3 http link rtmp api origin ingest pub t
  http=$(free_port); link=$(free_port); rtmp=$(free_port); api=$(free_port)
  STREAMING__ORIGIN__LISTENADDRESS=127.0.0.1 STREAMING__ORIGIN__HTTPPORT=$http STREAMING__ORIGIN__LINKPORT=$link \
  STREAMING__TRANSCODE__ENABLED=$enabled \
    timeout $((RT_SECONDS + WARMUP + 120)) dotnet "$ORIGIN_DLL" >"$WORK/$label-origin.log" 2>&1 &
  origin=$!; STARTED+=("$origin")
  STREAMING__INGEST__LISTENADDRESS=127.0.0.1 STREAMING__INGEST__RTMPPORT=$rtmp STREAMING__INGEST__APIPORT=$api \
  STREAMING__CLUSTER__ORIGINS__0__NAME=o0 STREAMING__CLUSTER__ORIGINS__0__LINK=127.0.0.1:$link \
  STREAMING__CLUSTER__ORIGINS__0__HTTP=http://127.0.0.1:$http \
    timeout $((RT_SECONDS + WARMUP + 120)) dotnet "$INGEST_DLL" >"$WORK/$label-ingest.log" 2>&1 &
  ingest=$!; STARTED+=("$ingest")
  wait_http "http://127.0.0.1:$http/healthz" 60
  wait_http "http://127.0.0.1:$api/healthz" 60
  wait_tcp "$rtmp" 30
  sleep 3
  curl -sf --max-time 5 "http://127.0.0.1:$http/metrics" >"$WORK/$label-idle.prom"
  timeout $((RT_SECONDS + WARMUP + 30)) ffmpeg -hide_banner -nostdin -loglevel error -re -stream_loop -1 -i "$flv" \
    -c copy -f flv "rtmp://127.0.0.1:$rtmp/live/rt" >"$WORK/$label-publisher.log" 2>&1 &
  pub=$!; STARTED+=("$pub")
  echo "t speed shed_level active_renditions" >"$WORK/$label-timeline.txt"
  local begin=$SECONDS
  while (( SECONDS - begin < RT_SECONDS + WARMUP )); do   # bounded: ends after RT_SECONDS + WARMUP
    sleep 2
    t=$((SECONDS - begin))
    curl -sf --max-time 2 "http://127.0.0.1:$http/metrics" >"$WORK/$label-now.prom" || continue
    date +%s.%N >"$WORK/$label-now.time"
    echo "$t $($PROM value "$WORK/$label-now.prom" streaming_transcode_speed) $($PROM value "$WORK/$label-now.prom" streaming_transcode_shed_level) $($PROM value "$WORK/$label-now.prom" streaming_transcode_active_renditions)" >>"$WORK/$label-timeline.txt"
    if (( t >= WARMUP )) && [[ ! -f $WORK/$label-a.prom ]]; then cp "$WORK/$label-now.prom" "$WORK/$label-a.prom"; cp "$WORK/$label-now.time" "$WORK/$label-a.time"; fi
  done
  cp "$WORK/$label-now.prom" "$WORK/$label-b.prom"
  cp "$WORK/$label-now.time" "$WORK/$label-b.time"
  curl -sf --max-time 5 "http://127.0.0.1:$http/live/rt/master.m3u8" >"$WORK/$label-master.m3u8" || true
  stop_all
  local a=$WORK/$label-a.prom b=$WORK/$label-b.prom i=$WORK/$label-idle.prom s=$WORK/$label.txt
  {
    echo "window_s=$(calc "$(cat "$WORK/$label-b.time")-$(cat "$WORK/$label-a.time")" .1f)"
    $PROM delta "$a" "$b" process_cpu_seconds_total | sed 's/^/origin_cpu_s=/'
    $PROM by "$a" "$b" streaming_transcode_frames_encoded_total rendition | sed 's/^rendition_/frames_/'
    $PROM quantiles "$a" "$b" streaming_transcode_encode_latency_seconds 0.5 0.99 | sed 's/^/latency_/'
    $PROM value "$i" process_resident_memory_bytes | sed 's/^/rss_idle=/'
    $PROM value "$b" process_resident_memory_bytes | sed 's/^/rss_end=/'
    $PROM value "$i" dotnet_gc_heap_bytes | sed 's/^/gc_idle=/'
    $PROM value "$b" dotnet_gc_heap_bytes | sed 's/^/gc_end=/'
    $PROM delta "$a" "$b" streaming_transcode_dropped_input_frames_total | sed 's/^/dropped_input=/'
    $PROM delta "$a" "$b" streaming_transcode_shed_changes_total | sed 's/^/shed_changes=/'
    awk -v w="$WARMUP" 'NR > 1 && $1 > w && $2 > 0 { n++; s += $2; if (min == "" || $2 < min) min = $2;
        if ($3 > maxshed) maxshed = $3; if (minact == "" || $4 < minact) minact = $4 }
      END { printf "speed_avg=%.2f\nspeed_min=%.2f\nshed_level_max=%d\nactive_renditions_min=%s\n", n ? s / n : 0, min, maxshed, minact }' \
      "$WORK/$label-timeline.txt"
  } >"$s"
  log "  $label: $(tr '\n' ' ' <"$s")"
}

# --- run ------------------------------------------------------------------------------------------------------

DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "work dir $WORK"
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  log "building (Release)"
  timeout 900 dotnet build "$ROOT/Streaming.sln" -c Release -v q -nologo >"$WORK/build.log" 2>&1 \
    || { tail -30 "$WORK/build.log" >&2; log "build failed (log: $WORK/build.log)"; exit 1; }
fi
log "inputs (generated once with ffmpeg)"
timeout 300 "$ROOT/bench/make-media.sh" "$IN720"
make_input "$IN1080" 1920x1080 5000 2
make_input "$IN720NOB" 1280x720 3000 0

log "(a) throughput, $ROUNDS rounds, alternating"
F720=$(( $(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$IN720") * LOOPS ))
F1080=$(( $(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$IN1080") * LOOPS_1080 ))
for r in $(seq "$ROUNDS"); do
  if (( r % 2 )); then
    ours "ours720-$r" "$IN720" "$LOOPS"; ffmpeg_ladder "ff720-$r" "$IN720" "$LOOPS" "$F720" 854x480:1400 640x360:800
    ours "ours1080-$r" "$IN1080" "$LOOPS_1080"; ffmpeg_ladder "ff1080-$r" "$IN1080" "$LOOPS_1080" "$F1080" 1280x720:2800 854x480:1400 640x360:800
  else
    ffmpeg_ladder "ff720-$r" "$IN720" "$LOOPS" "$F720" 854x480:1400 640x360:800; ours "ours720-$r" "$IN720" "$LOOPS"
    ffmpeg_ladder "ff1080-$r" "$IN1080" "$LOOPS_1080" "$F1080" 1280x720:2800 854x480:1400 640x360:800; ours "ours1080-$r" "$IN1080" "$LOOPS_1080"
  fi
done
log "(a) CPU per rendition: decode-only and single-rung runs of ours (1 loop)"
ours dec720 "$IN720" 1 default decode
ours r720-480 "$IN720" 1 480
ours r720-360 "$IN720" 1 360
ours dec1080 "$IN1080" 1 default decode
ours r1080-720 "$IN1080" 1 720

log "(b) real time: ${RT_SECONDS}s measured after ${WARMUP}s warm-up per case"
realtime rt720 "$IN720" true
realtime rt720nob "$IN720NOB" true
realtime rt1080 "$IN1080" true
realtime pt720 "$IN720" false
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ---------------------------------------------------------------------------------------------------
med() {  # median of key over files
  local key=$1; shift
  for f in "$@"; do kv "$f" "$key"; done | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
list() { local key=$1; shift; for f in "$@"; do kv "$f" "$key"; done | paste -sd/ -; }
O720=("$WORK"/ours720-*.txt); F720F=("$WORK"/ff720-*.txt); O1080=("$WORK"/ours1080-*.txt); F1080F=("$WORK"/ff1080-*.txt)
mb() { calc "($1)/1048576" .1f; }
rung_ms() { calc "$(kv "$WORK/$1.txt" cpu_ms_per_source_frame)-$(kv "$WORK/$2.txt" cpu_ms_per_frame)" .2f; }
rt_row() {
  local s=$WORK/$1.txt
  echo "| $2 | $(kv "$s" speed_avg) / $(kv "$s" speed_min) | $(kv "$s" shed_level_max) | $(kv "$s" active_renditions_min) | $(calc "$(kv "$s" origin_cpu_s)/$(kv "$s" window_s)" .2f) | $(grep '^frames_' "$s" | sed 's/^frames_//' | awk -F= -v w="$(kv "$s" window_s)" '{ printf "%s %.1f ", $1, $2 / w }') | $(mb "$(kv "$s" rss_end)-$(kv "$s" rss_idle)") | $(mb "$(kv "$s" gc_end)-$(kv "$s" gc_idle)") | $(kv "$s" dropped_input) |"
}
lat_row() {
  local s=$WORK/$1.txt
  echo "| $2 | $(calc "$(kv "$s" latency_p50)*1000" .1f) (bucket $(kv "$s" latency_p50_bucket)) | $(calc "$(kv "$s" latency_p99)*1000" .1f) (bucket $(kv "$s" latency_p99_bucket)) | $(calc "$(kv "$s" latency_mean)*1000" .1f) | $(kv "$s" latency_count) |"
}
{
  echo "Results of \`bench/transcode/run-issue3.sh\` ($DATE; LOOPS=$LOOPS LOOPS_1080=$LOOPS_1080 ROUNDS=$ROUNDS RT_SECONDS=$RT_SECONDS WARMUP=$WARMUP), commit $(git -C "$ROOT" rev-parse --short HEAD) plus working tree."
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB RAM, FFmpeg $(ffmpeg -version | head -1 | cut -d' ' -f3); load average $LOAD_START at start, $LOAD_END at end."
  echo
  echo "**(a) Throughput, source frames per second, as fast as possible** (median of $ROUNDS; all rounds in brackets; ours timed after a 1-loop warm-up)"
  echo
  echo "| input -> ladder | ours fps | ffmpeg CLI fps | ours / ffmpeg (wall fps) | ours CPU ms per source frame | ffmpeg CPU ms per source frame | ours / ffmpeg (frames per CPU second) |"
  echo "|---|---|---|---|---|---|---|"
  echo "| 720p30 -> 480p+360p ($F720 frames) | $(med fps "${O720[@]}") ($(list fps "${O720[@]}")) | $(med fps "${F720F[@]}") ($(list fps "${F720F[@]}")) | $(calc "$(med fps "${O720[@]}")/$(med fps "${F720F[@]}")" .2f) | $(med cpu_ms_per_source_frame "${O720[@]}") | $(med cpu_ms_per_source_frame "${F720F[@]}") | $(calc "$(med cpu_ms_per_source_frame "${F720F[@]}")/$(med cpu_ms_per_source_frame "${O720[@]}")" .2f) |"
  echo "| 1080p30 -> 720p+480p+360p ($F1080 frames) | $(med fps "${O1080[@]}") ($(list fps "${O1080[@]}")) | $(med fps "${F1080F[@]}") ($(list fps "${F1080F[@]}")) | $(calc "$(med fps "${O1080[@]}")/$(med fps "${F1080F[@]}")" .2f) | $(med cpu_ms_per_source_frame "${O1080[@]}") | $(med cpu_ms_per_source_frame "${F1080F[@]}") | $(calc "$(med cpu_ms_per_source_frame "${F1080F[@]}")/$(med cpu_ms_per_source_frame "${O1080[@]}")" .2f) |"
  echo
  echo "ffmpeg command (720p): \`$(cat "$WORK/ff720-1.cmd")\`"
  echo
  echo "**CPU per rendition** (ours, CPU ms per source frame; rung = single-rung run minus decode-only run of the same input)"
  echo
  echo "| | CPU ms/frame | cores at 30 fps |"
  echo "|---|---|---|"
  echo "| decode 720p30 (1 thread) | $(kv "$WORK/dec720.txt" cpu_ms_per_frame) | $(calc "$(kv "$WORK/dec720.txt" cpu_ms_per_frame)*30/1000" .2f) |"
  echo "| decode 1080p30 (1 thread) | $(kv "$WORK/dec1080.txt" cpu_ms_per_frame) | $(calc "$(kv "$WORK/dec1080.txt" cpu_ms_per_frame)*30/1000" .2f) |"
  echo "| 720p rung (from 1080p: scale + x264 + packaging) | $(rung_ms r1080-720 dec1080) | $(calc "$(rung_ms r1080-720 dec1080)*30/1000" .2f) |"
  echo "| 480p rung (from 720p) | $(rung_ms r720-480 dec720) | $(calc "$(rung_ms r720-480 dec720)*30/1000" .2f) |"
  echo "| 360p rung (from 720p) | $(rung_ms r720-360 dec720) | $(calc "$(rung_ms r720-360 dec720)*30/1000" .2f) |"
  echo
  echo "**(b) Real time** (one \`ffmpeg -re -stream_loop -1 -c copy\` publisher through ingest; ${RT_SECONDS} s window after ${WARMUP} s warm-up; speed sampled every 2 s from /metrics)"
  echo
  echo "| case | speed avg / min | max shed level | min active rungs | origin CPU cores | encoded fps per rung in window | RSS delta vs idle MB | GC heap delta MB | dropped input frames |"
  echo "|---|---|---|---|---|---|---|---|---|"
  rt_row rt720 "720p30 -> 480p+360p"
  rt_row rt720nob "720p30 without B-frames -> 480p+360p"
  rt_row rt1080 "1080p30 -> 720p+480p+360p"
  rt_row pt720 "720p30, transcoding off (passthrough baseline)"
  echo
  echo "**(c) Added latency** (source frame dequeued by the transcoder -> encoded packet handed to the rung packager)"
  echo
  echo "| | p50 ms | p99 ms | mean ms | samples |"
  echo "|---|---|---|---|---|"
  lat_row rt720 "real time 720p30 -> 480p+360p (histogram buckets, interpolated)"
  lat_row rt720nob "real time 720p30 without B-frames -> 480p+360p (histogram buckets, interpolated)"
  lat_row rt1080 "real time 1080p30 -> 720p+480p+360p (histogram buckets, interpolated)"
  echo "| as fast as possible 720p ladder (exact, in-process, round 1) | $(kv "$WORK/ours720-1.txt" latency_p50_ms) | $(kv "$WORK/ours720-1.txt" latency_p99_ms) | | $(kv "$WORK/ours720-1.txt" latency_samples) |"
  echo "| as fast as possible 1080p ladder (exact, in-process, round 1) | $(kv "$WORK/ours1080-1.txt" latency_p50_ms) | $(kv "$WORK/ours1080-1.txt" latency_p99_ms) | | $(kv "$WORK/ours1080-1.txt" latency_samples) |"
} >"$OUT"
cat "$OUT"
log "results: $OUT (raw files in $WORK)"
