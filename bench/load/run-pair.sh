#!/usr/bin/env bash
# Two builds or two JVM settings of Warden, side by side: both in front of one echo upstream, each driven by its
# own load tool at the same time, so that both see the same machine at the same moments. Run after run, a 2-core
# machine drifts by a fifth; side by side, the difference between A and B is what is left. See bench/load/README.md.
#
#   bench/load/run-pair.sh                                    # A and B: the current jar, as ./warden serve runs it
#   B_OPTS=-XX:+UseG1GC bench/load/run-pair.sh                # another collector for B
#   B_JAR=/tmp/other-warden.jar bench/load/run-pair.sh        # another build for B
#   bench/load/run-pair.sh --clients 8 --rounds 5             # options after run-pair.sh go to each load tool
#
# Env: A_JAR, B_JAR (default: gateway/target/warden.jar), A_OPTS, B_OPTS (extra JVM options). Defaults for the
# load tools: 16 clients each (32 in all), 3 rounds of 20 s warm-up + 20 s measured. Every process it starts is
# stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_NAME=bench-pair
. "$ROOT/bench/load/lib.sh"

build_jars
A_JAR="${A_JAR:-$WARDEN_JAR}"
B_JAR="${B_JAR:-$WARDEN_JAR}"
for jar in "$A_JAR" "$B_JAR"; do [[ -f "$jar" ]] || die "no such jar: $jar"; done

start_upstream
DIRECT_URL="$UPSTREAM_URL"
start_bench_warden "$WORK/a" "$A_JAR" "${A_OPTS:-}"; A_PORT=$STARTED_PORT; A_PID=$STARTED_PID
start_bench_warden "$WORK/b" "$B_JAR" "${B_OPTS:-}"; B_PORT=$STARTED_PORT; B_PID=$STARTED_PID

drive() {  # drive NAME PORT PID ARGS...: one load tool against one Warden; the upstream's direct scenario, run
  # by both tools in the same turns, keeps their Warden scenarios in step (the upstream serves both, so its CPU
  # per call is not reported)
  local name="$1" port="$2" pid="$3"; shift 3
  "$JAVA" -Xms256m -Xmx512m -jar "$BENCH_JAR" run --direct "$DIRECT_URL" \
    --warden "http://127.0.0.1:$port/tools/invoke" --warden-token-file "$WORK/$name/token" \
    --warden-server bench-echo --warden-pid "$pid" \
    "${DEFAULTS[@]}" "$@" >"$WORK/$name.report" 2>"$WORK/$name.log"
}
# The load tool's options this script sets, unless given after run-pair.sh.
DEFAULTS=()
for option in "--clients 16" "--warmup 20" "--measure 20" "--rounds 3"; do
  # shellcheck disable=SC2206  # "--clients 16" becomes two words on purpose
  [[ " $* " == *" ${option%% *}"[\ =]* ]] || DEFAULTS+=($option)
done
echo "A: $A_JAR ${A_OPTS:-}" >&2
echo "B: $B_JAR ${B_OPTS:-}" >&2
drive a "$A_PORT" "$A_PID" "$@" & A_RUN=$!
drive b "$B_PORT" "$B_PID" "$@" & B_RUN=$!
wait "$A_RUN" || { cat "$WORK/a.log" >&2; die "the load tool for A failed"; }
wait "$B_RUN" || { cat "$WORK/b.log" >&2; die "the load tool for B failed"; }

echo "| Warden | clients | p50 ms | p99 ms | req/s | errors | server CPU µs/call | upstream CPU µs/call | load tool CPU µs/call |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
grep -h "^| warden " "$WORK/a.report" | sed 's/^| warden /| A /'
grep -h "^| warden " "$WORK/b.report" | sed 's/^| warden /| B /'
