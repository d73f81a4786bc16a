#!/usr/bin/env bash
# Gateway load benchmark: a zero-latency MCP upstream called directly, through nginx (plain reverse proxy)
# and through Warden's POST /tools/invoke, at 1 and 32 clients, in one run. See bench/load/README.md.
#
#   bench/load/run.sh                          # full run: 20 s warm-up + 10 s measured per scenario
#   bench/load/run.sh --warmup 2 --measure 3   # quicker; any option of the load tool's `run` is passed on
#   NO_WARDEN=1 bench/load/run.sh              # without Warden (NO_SDK_CLIENT=1: without the SDK client)
#
# Everything listens on 127.0.0.1 at free ports; every child process is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_NAME=bench
. "$ROOT/bench/load/lib.sh"

# --- build ------------------------------------------------------------------------------------------
if [[ -n "${NO_WARDEN:-}" ]]; then
  echo "building the load tool" >&2
  build "$WORK/build-bench.log" -f "$ROOT/bench/load/pom.xml" package -DskipTests
else
  build_jars
fi

if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  echo "installing nginx" >&2
  apt-get install -y nginx >&2 || { apt-get update >&2 && apt-get install -y nginx >&2; } \
    || die "could not install nginx"
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# --- the zero-latency upstream ----------------------------------------------------------------------
start_upstream
DIRECT_URL="$UPSTREAM_URL"
UPSTREAM_PORT="$(cat "$WORK/upstream.port")"

# --- nginx as a plain reverse proxy -----------------------------------------------------------------
# Keep-alive to the upstream as any production proxy would use it: without it nginx would open a TCP
# connection per request and look slower than it is.
NGINX_PORT="$(free_port)"
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream echo_mcp {
    server 127.0.0.1:$UPSTREAM_PORT;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://echo_mcp;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
"$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
NGINX_PID=$!
wait_http "http://127.0.0.1:$NGINX_PORT/" "$!" nginx "$WORK/nginx/error.log"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/mcp"

# --- Warden -----------------------------------------------------------------------------------------
# With real JWT checking, the shipped policy and the SQLite audit log; every call decided afresh (lib.sh).
WARDEN_ARGS=()
if [[ -z "${NO_WARDEN:-}" ]]; then
  WDIR="$WORK/warden"
  start_bench_warden "$WDIR" "$WARDEN_JAR" "${WARDEN_JAVA_OPTS:-}"
  WARDEN_PORT="$STARTED_PORT"
  WARDEN_PID="$STARTED_PID"
  WARDEN_ARGS=(--warden "http://127.0.0.1:$WARDEN_PORT/tools/invoke"
               --warden-mcp "http://127.0.0.1:$WARDEN_PORT/mcp" --warden-token-file "$WDIR/token"
               --warden-server bench-echo --warden-pid "$WARDEN_PID")
fi

# --- measure ----------------------------------------------------------------------------------------
# The report also goes to bench/results/ (ignored by git) so runs can be compared later.
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
REPORT="$RESULTS/load-$(date -u +%Y%m%dT%H%M%SZ).md"
SDK_ARGS=(--sdk-client)
[[ -n "${NO_SDK_CLIENT:-}" ]] && SDK_ARGS=()
"$JAVA" -Xms256m -Xmx512m -jar "$BENCH_JAR" run --direct "$DIRECT_URL" "${SDK_ARGS[@]}" --nginx "$NGINX_URL" \
  --upstream-pid "$UPSTREAM_PID" --nginx-pid "$NGINX_PID" \
  "${WARDEN_ARGS[@]}" "$@" | tee "$REPORT"
echo "report saved to $REPORT" >&2
if [[ -n "${WARDEN_PID:-}" ]] && ! kill -0 "$WARDEN_PID" 2>/dev/null; then
  echo "run.sh: Warden exited during the run; the end of its log:" >&2
  tail -40 "$WDIR/warden.log" >&2
  exit 1
fi
# Evidence that the calls went through the whole pipeline: the audit trail holds allowed bench-echo calls.
if [[ -n "${WARDEN_PID:-}" ]]; then
  AUDIT="$(curl -s -m 10 -H "Authorization: Bearer $(cat "$WDIR/token")" \
    "http://127.0.0.1:$WARDEN_PORT/audit?user=bench&server=bench-echo&decision=allow&limit=1" || true)"
  if [[ "$AUDIT" == *'"tool":"echo"'* ]]; then
    echo "audit check: Warden's audit trail holds the benchmark's allowed echo calls" | tee -a "$REPORT"
  else
    echo "audit check FAILED: no allowed echo call in Warden's audit trail: ${AUDIT:0:300}" | tee -a "$REPORT"
    exit 1
  fi
fi
