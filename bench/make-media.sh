#!/usr/bin/env bash
# Generates the benchmark input once: 20 s of 720p30 H.264 (High, ~3 Mb/s CBR-ish, 2 s GOP) + AAC-LC 48 kHz
# stereo 128 kb/s in FLV. Noise on the test pattern keeps x264 from undershooting the bitrate.
# Usage: bench/make-media.sh <out.flv>
set -euo pipefail
out=${1:?usage: make-media.sh out.flv}
[[ -s $out ]] && exit 0
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.flv"
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=size=1280x720:rate=30,noise=alls=12:allf=t+u" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000" \
  -t 20 -map 0:v -map 1:a \
  -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p \
  -b:v 3000k -minrate 3000k -maxrate 3000k -bufsize 3000k -x264-params nal-hrd=cbr:force-cfr=1 \
  -g 60 -keyint_min 60 -sc_threshold 0 -bf 2 \
  -c:a aac -b:a 128k -ac 2 \
  -f flv "$tmp"
mv "$tmp" "$out"
