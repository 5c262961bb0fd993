#!/usr/bin/env bash
# Coverage-guided fuzzing of the parser targets in tools/Fuzz: afl++ (Debian's afl-fuzz) drives SharpFuzz's
# out-of-process fork server; every Streaming.* assembly is instrumented with the SharpFuzz.CommandLine tool.
# Usage: bench/fuzz/run.sh [TARGET...]        (default: every target `Streaming.Fuzz list` prints)
#   FUZZ_SECONDS   fuzzing time per target (default 60); targets run one after the other, ~1 core each
# Installs what is missing: afl++ (apt), SharpFuzz.CommandLine 2.3.0 (dotnet tool, under artifacts/fuzz/tools).
# Output under artifacts/fuzz/: {target}/default/ (afl's queue, crashes, hangs, fuzzer_stats), {target}.log.
# Prints per target: CPU seconds (afl-fuzz + fork server + child), executions, corpus (seeds + found), edges,
# crashes and hangs; each crash or hang input is replayed through the uninstrumented build with its exception.
# Exit status 1 when any target crashed, hung or could not run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/bench/lib.sh"
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
OUT="$ROOT/artifacts/fuzz"
TOOLS="$OUT/tools"
PLAIN="$ROOT/tools/Fuzz/bin/Release/net10.0/Streaming.Fuzz.dll"
INSTRUMENTED="$OUT/instrumented"
CORPUS="$ROOT/tools/Fuzz/corpus"
mkdir -p "$OUT"

if ! command -v afl-fuzz >/dev/null; then
  log "installing afl++"
  apt-get install -y afl++ >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y afl++ >/dev/null; }
fi
if [[ ! -x "$TOOLS/sharpfuzz" ]]; then
  log "installing SharpFuzz.CommandLine 2.3.0"
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$TOOLS" >/dev/null
fi

log "building tools/Fuzz and instrumenting a published copy"
dotnet build "$ROOT/tools/Fuzz" -c Release -v q -nologo >/dev/null
rm -rf "$INSTRUMENTED"
dotnet publish "$ROOT/tools/Fuzz" -c Release --no-build -o "$INSTRUMENTED" -v q -nologo >/dev/null
for dll in "$INSTRUMENTED"/Streaming.*.dll; do
  [[ "$(basename "$dll")" == Streaming.Fuzz.dll ]] && continue  # the harness itself stays uninstrumented
  "$TOOLS/sharpfuzz" "$dll" >/dev/null
done

targets=("$@")
((${#targets[@]})) || mapfile -t targets < <(dotnet "$PLAIN" list | awk '{print $1}')

# afl++ cannot see SharpFuzz's instrumentation in the dotnet binary (AFL_SKIP_BIN_CHECK); the machine is shared
# (no CPU pinning); a core_pattern pipe or CPU governor is not ours to change.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=60000
stat_of() { awk -F' *: *' -v key="$2" '$1 == key {print $2}' "$1"; }
summary=(); failed=0
for target in "${targets[@]}"; do
  log "fuzzing $target for ${FUZZ_SECONDS}s"
  rm -rf "${OUT:?}/$target"
  afl-fuzz -V "$FUZZ_SECONDS" -i "$CORPUS/$target" -o "$OUT/$target" -t 5000 -m none \
    -- dotnet "$INSTRUMENTED/Streaming.Fuzz.dll" afl "$target" >"$OUT/$target.log" 2>&1 &
  pid=$!
  cpu=$(python3 "$ROOT/bench/fuzz/cpu-tree.py" "$pid")
  status=0; wait "$pid" || status=$?
  stats="$OUT/$target/default/fuzzer_stats"
  if ((status != 0)) || [[ ! -f "$stats" ]]; then
    log "$target: afl-fuzz failed (exit $status), see ${OUT#"$ROOT"/}/$target.log"; tail -5 "$OUT/$target.log" >&2
    summary+=("$(printf '%-15s %8s %10s %8s %7s %8s %6s' "$target" "$cpu" "-" "-" "-" "failed" "-")"); failed=1; continue
  fi
  crashes=$(stat_of "$stats" saved_crashes); hangs=$(stat_of "$stats" saved_hangs)
  summary+=("$(printf '%-15s %8s %10s %8s %7s %8s %6s' "$target" "$cpu" "$(stat_of "$stats" execs_done)" \
    "$(stat_of "$stats" corpus_count)/$(stat_of "$stats" corpus_found)" "$(stat_of "$stats" edges_found)" "$crashes" "$hangs")")
  if ((crashes + hangs > 0)); then
    failed=1
    mapfile -t inputs < <(find "$OUT/$target/default/crashes" "$OUT/$target/default/hangs" -name 'id:*' | sort)
    dotnet "$PLAIN" replay "$target" "${inputs[@]}" || true
  fi
done

echo
echo "fuzzing: afl++ $(afl-fuzz -h 2>&1 | grep -o '4\.[0-9a-z.]*' | head -1) + SharpFuzz 2.3.0, ${FUZZ_SECONDS}s per target"
printf '%-15s %8s %10s %8s %7s %8s %6s\n' target cpu_s execs corpus/new edges crashes hangs
printf '%s\n' "${summary[@]}"
exit "$failed"
