#!/usr/bin/env bash
# Decision-latency benchmark: the same tool call through Warden deciding with its embedded engine, through a
# Warden in sark mode asking a second Warden's SARK API with and without the decision cache, and that SARK API's
# POST /api/v1/gateway/authorize by itself, in one run. See bench/load/DECISIONS.md.
#
#   bench/load/run-decisions.sh                          # 3 rounds of 3 s warm-up + 4 s measured, 1 and 16 clients
#   bench/load/run-decisions.sh --rounds 1 --measure 2   # quicker; options go to the load tool's `decisions`
#   FORWARD_AUDIT=1 bench/load/run-decisions.sh          # sark-mode gateways also forward audit records
#
# Everything listens on 127.0.0.1 at free ports; every child process is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_NAME=decisions
. "$ROOT/bench/load/lib.sh"
build_jars

# --- the zero-latency upstream ----------------------------------------------------------------------
start_upstream

# --- three Wardens sharing one JWT secret -----------------------------------------------------------
# sark:          embedded engine, NO decision cache, serving the SARK API: the embedded baseline for
#                /tools/invoke, and the service the two others ask (every question evaluated afresh)
# gw-uncached:   authz.engine sark -> sark, decision_cache_size 0
# gw-cached:     authz.engine sark -> sark, decision cache on (the shipped policy gives bench-echo, sensitivity
#                low, a cache_ttl of 1800 s)
SECRET="$(head -c 36 /dev/urandom | base64 | tr -d '\n')"
FORWARD="${FORWARD_AUDIT:+true}"

write_config() {  # write_config NAME PORT CACHE-SIZE EXTRA-YAML (bench_config: lib.sh)
  bench_config "$WORK/$1" "$2" "$SECRET" low "  decision_cache_size: $3" "$4"
}

warden() {  # warden NAME ARGS...: runs warden.jar from NAME's directory
  local dir="$WORK/$1"; shift
  warden_jvm "${WARDEN_JAVA_OPTS:-}"
  (cd "$dir" && exec "${WARDEN_ENV[@]}" "$JAVA" "${JVM_ARGS[@]}" -jar "$WARDEN_JAR" "$@")
}

start_warden() {  # start_warden NAME PORT
  warden "$1" serve --config "$WORK/$1/warden.yaml" >"$WORK/$1/warden.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$2/health" "$!" "Warden $1" "$WORK/$1/warden.log"
}

SARK_PORT="$(free_port)"
write_config sark "$SARK_PORT" 0 "sark_api:
  enabled: true
  login: false
  api_keys_db: $WORK/sark/api-keys.db"
warden sark token --config "$WORK/sark/warden.yaml" --sub bench --roles admin --ttl 2h \
  >"$WORK/token" 2>"$WORK/token.log" || { cat "$WORK/token.log" >&2; die "could not mint the caller's token"; }
warden sark token --config "$WORK/sark/warden.yaml" --sub warden-gateway --roles admin --ttl 2h \
  >"$WORK/gateway-token" 2>>"$WORK/token.log" || { cat "$WORK/token.log" >&2; die "could not mint the gateway token"; }
start_warden sark "$SARK_PORT"

for name in gw-uncached gw-cached; do
  port="$(free_port)"
  cache=0; [[ "$name" == gw-cached ]] && cache=10000
  write_config "$name" "$port" "$cache" "authz:
  engine: sark
sark:
  url: http://127.0.0.1:$SARK_PORT
  timeout: 5s
  api_key: \"$(cat "$WORK/gateway-token")\"
  forward_audit: ${FORWARD:-false}"
  start_warden "$name" "$port"
  declare "PORT_${name//-/_}=$port"
done

# --- measure ----------------------------------------------------------------------------------------
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
REPORT="$RESULTS/decisions-$(date -u +%Y%m%dT%H%M%SZ).md"
echo "sark-mode audit forwarding: ${FORWARD:-false}" | tee "$REPORT"
"$JAVA" -Xms256m -Xmx512m -jar "$BENCH_JAR" decisions \
  --embedded "http://127.0.0.1:$SARK_PORT/tools/invoke" \
  --sark-uncached "http://127.0.0.1:$PORT_gw_uncached/tools/invoke" \
  --sark-cached "http://127.0.0.1:$PORT_gw_cached/tools/invoke" \
  --authorize "http://127.0.0.1:$SARK_PORT/api/v1/gateway/authorize" \
  --token-file "$WORK/token" --service-token-file "$WORK/gateway-token" "$@" | tee -a "$REPORT"
echo "report saved to $REPORT" >&2
for pid in "${PIDS[@]}"; do
  kill -0 "$pid" 2>/dev/null || die "a process exited during the run (pid $pid)"
done
