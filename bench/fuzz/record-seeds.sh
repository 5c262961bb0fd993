#!/usr/bin/env bash
# Records the fuzz seeds that come from real encoders and clients and writes the generated ones, into
# tools/Fuzz/corpus/{target}/ (committed; re-run only to refresh them):
#   rtmp-handshake, rtmp-chunks: an ffmpeg publish recorded through a loopback proxy in front of nginx-rtmp
#   flv: FLV files from ffmpeg (x264 baseline/high with B-frames, AAC, audio only)
#   sps: SPS NAL units from x264 (baseline, high, 4:4:4, interlaced, 10-bit)
#   link, amf0, playlist, http-request: `Streaming.Fuzz seeds` (the project's own writers)
# Needs ffmpeg (libx264), nginx with the RTMP module, python3 and the dotnet SDK.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/bench/lib.sh"
CORPUS="$ROOT/tools/Fuzz/corpus"
WORK="$(mktemp -d)"
NGINX_PID=""; PROXY_PID=""
cleanup() {
  [[ -n "$PROXY_PID" ]] && kill "$PROXY_PID" 2>/dev/null || true
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$CORPUS"/{rtmp-handshake,rtmp-chunks,flv,sps}

encode() { ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=64x64:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 0.2 "$@"; }

# --- RTMP: ffmpeg -> recording proxy -> nginx-rtmp --------------------------------------------------------
RTMP_PORT=$(free_port); PROXY_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 64; }
rtmp { server { listen 127.0.0.1:$RTMP_PORT; application live { live on; record off; } } }
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf" & NGINX_PID=$!
wait_tcp "$RTMP_PORT" 5
python3 - "$PROXY_PORT" "$RTMP_PORT" "$WORK/client.bin" <<'PY' & PROXY_PID=$!
import socket, sys, threading
listen, upstream, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen)); server.listen(1)
open(out + ".ready", "w").close()
client, _ = server.accept(); origin = socket.create_connection(("127.0.0.1", upstream))
def pump(src, dst, record):
    with open(out, "wb") if record else open("/dev/null", "wb") as f:
        while data := src.recv(65536):
            f.write(data); f.flush(); dst.sendall(data)
    dst.close()
threading.Thread(target=pump, args=(origin, client, False), daemon=True).start()
pump(client, origin, True)
PY
for _ in $(seq 50); do [[ -f "$WORK/client.bin.ready" ]] && break; sleep 0.1; done
encode -c:v libx264 -preset ultrafast -g 30 -c:a aac -b:a 32k -ac 2 -f flv "rtmp://127.0.0.1:$PROXY_PORT/live/cam"
sleep 0.5
python3 - "$WORK/client.bin" "$CORPUS" <<'PY'
import hashlib, hmac, sys
data, corpus = open(sys.argv[1], "rb").read(), sys.argv[2]
hello, after = data[:1537], data[1 + 2 * 1536:]
open(f"{corpus}/rtmp-handshake/ffmpeg-c0c1", "wb").write(hello)  # ffmpeg signs C1 with digest scheme 0
plain = bytearray(hello); plain[5:9] = b"\0\0\0\0"
open(f"{corpus}/rtmp-handshake/plain-c0c1", "wb").write(bytes(plain))
c1 = bytearray(hello[1:]); offset = 772 + 4 + sum(c1[772:776]) % 728  # the same C1 signed with scheme 1
c1[offset:offset + 32] = hmac.new(b"Genuine Adobe Flash Player 001", bytes(c1[:offset] + c1[offset + 32:]), hashlib.sha256).digest()
open(f"{corpus}/rtmp-handshake/scheme1-c0c1", "wb").write(hello[:1] + bytes(c1))
# Leading byte: read size the target splits the stream into (0x10: 657-byte reads, 0x00: 1-byte reads).
open(f"{corpus}/rtmp-chunks/ffmpeg-publish", "wb").write(b"\x10" + after[:6144])
open(f"{corpus}/rtmp-chunks/ffmpeg-connect-bytewise", "wb").write(b"\x00" + after[:600])
PY

# --- FLV files ---------------------------------------------------------------------------------------------
encode -c:v libx264 -preset ultrafast -g 30 -c:a aac -b:a 32k -ac 2 -f flv "$CORPUS/flv/x264-baseline-aac.flv"
encode -c:v libx264 -preset veryfast -profile:v high -bf 2 -g 30 -an -f flv "$CORPUS/flv/x264-high-bframes.flv"
encode -vn -c:a aac -b:a 32k -ac 1 -f flv "$CORPUS/flv/aac-mono.flv"

# --- SPS from x264 -----------------------------------------------------------------------------------------
sps() {
  local name=$1; shift
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=176x144:rate=25 -frames:v 1 -c:v libx264 "$@" -f h264 "$WORK/$name.h264"
  python3 - "$WORK/$name.h264" "$CORPUS/sps/$name" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
starts = [m.end() for m in re.finditer(b"\x00\x00\x01", data)]
for i, s in enumerate(starts):
    if data[s] & 0x1F == 7:
        end = starts[i + 1] - 3 if i + 1 < len(starts) else len(data)
        open(sys.argv[2], "wb").write(data[s:end].rstrip(b"\x00")); break
PY
}
sps x264-baseline -profile:v baseline
sps x264-high-vui -profile:v high -vf setsar=4/3 -x264-params fps=25:force-cfr=1
sps x264-high444 -pix_fmt yuv444p -profile:v high444
sps x264-interlaced -flags +ildct+ilme -x264-params interlaced=1
sps x264-high10 -pix_fmt yuv420p10le -profile:v high10 || echo "no 10-bit x264 here: sps/x264-high10 skipped"

# --- Generated by the project's own writers ----------------------------------------------------------------
dotnet run --project "$ROOT/tools/Fuzz" -c Release -- seeds "$CORPUS"
find "$CORPUS" -type f -printf '%8s %P\n' | sort -k2
