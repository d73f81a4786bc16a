# Shared by run.sh and run-decisions.sh (sourced, not run): the JDK, builds, the processes a benchmark starts and
# their clean-up, free ports, readiness, the zero-latency upstream. Before sourcing, set BENCH_NAME (for messages
# and the name of the folder that keeps logs after a failure) and ROOT.
#
# Everything a benchmark starts goes into PIDS and is stopped on exit, also on Ctrl-C or an error; its files live
# in WORK, a fresh temporary directory removed on exit (after a failure, its *.log files are kept first).

BENCH_JAR="$ROOT/bench/load/target/warden-bench-load.jar"
WARDEN_JAR="$ROOT/gateway/target/warden.jar"
WORK="$(mktemp -d "/tmp/warden-$BENCH_NAME.XXXXXX")"
chmod 755 "$WORK"   # nginx workers run as an unprivileged user and must reach their temp paths
PIDS=()

cleanup() {
  local status=$? pid log
  # On failure keep every log (never the configs: they hold the run's JWT secret) for a post-mortem.
  if [[ "$status" -ne 0 && -d "$WORK" ]]; then
    local keep="$ROOT/bench/results/$BENCH_NAME-logs-$(date -u +%Y%m%dT%H%M%SZ)"
    mkdir -p "$keep"
    while IFS= read -r log; do cp "$log" "$keep/" 2>/dev/null || true; done < <(find "$WORK" -name '*.log')
    echo "$BENCH_NAME: failed (exit $status); logs kept in $keep" >&2
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    # Give each child a few seconds to exit cleanly, then make sure.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "$BENCH_NAME: $*" >&2; exit 1; }

# The project's own JDK probe (also used by ./warden and ./test): exports JAVA, JAVA_HOME, JAVA_MAJOR.
. "$ROOT/scripts/java-env.sh"
[[ "$JAVA_MAJOR" -ge 24 ]] && export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
echo "JDK: $JAVA_HOME (Java $JAVA_MAJOR)" >&2

build() {  # build LOG MVN-ARGS...: quiet Maven build, its output shown only when it fails
  local log="$1"; shift
  mvn -q -B "$@" >"$log" 2>&1 || { cat "$log" >&2; die "build failed: mvn $*"; }
}

build_jars() {  # the load tool always; the gateway jar when missing or older than its sources
  echo "building the load tool" >&2
  build "$WORK/build-bench.log" -f "$ROOT/bench/load/pom.xml" package -DskipTests
  if [[ ! -f "$WARDEN_JAR" || -n "$(find "$ROOT/pom.xml" "$ROOT/rego/pom.xml" "$ROOT/gateway/pom.xml" \
        "$ROOT/rego/src/main" "$ROOT/gateway/src/main" -newer "$WARDEN_JAR" -print -quit 2>/dev/null)" ]]; then
    echo "building the gateway jar" >&2
    build "$WORK/build-gateway.log" -f "$ROOT/pom.xml" -pl gateway -am package -DskipTests
    [[ -f "$WARDEN_JAR" ]] || die "the gateway build did not produce $WARDEN_JAR"
  fi
}

free_port() { "$JAVA" -jar "$BENCH_JAR" free-port; }

wait_http() {  # wait_http URL PID NAME [LOG]: until URL answers any HTTP status, while PID lives
  local url="$1" pid="$2" name="$3" log="${4:-}"
  for _ in $(seq 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      [[ -n "$log" ]] && tail -30 "$log" >&2
      die "$name exited during startup"
    fi
    if curl -s -o /dev/null -m 1 "$url"; then return 0; fi
    sleep 0.1
  done
  die "$name did not answer at $url within 30 s"
}

start_upstream() {  # the zero-latency echo upstream; sets UPSTREAM_PID and UPSTREAM_URL
  "$JAVA" -Xms128m -Xmx256m -jar "$BENCH_JAR" upstream --port-file "$WORK/upstream.port" \
    2>"$WORK/upstream.log" &
  UPSTREAM_PID=$!
  PIDS+=("$UPSTREAM_PID")
  for _ in $(seq 300); do [[ -f "$WORK/upstream.port" ]] && break; sleep 0.1
    kill -0 "$UPSTREAM_PID" 2>/dev/null || { cat "$WORK/upstream.log" >&2; die "the upstream did not start"; }
  done
  [[ -f "$WORK/upstream.port" ]] || die "the upstream did not start within 30 s"
  UPSTREAM_URL="http://127.0.0.1:$(cat "$WORK/upstream.port")/mcp"
}

# Warden runs with its configuration variables unset, so that neither the caller's environment nor a .env file
# changes what is measured, and with the JVM options ./warden uses for `serve`, so the figures are a user's.
WARDEN_ENV=(env -u GATEWAY_HOST -u GATEWAY_PORT -u GATEWAY_ENV -u LOG_LEVEL -u JWT_SECRET_KEY -u JWT_ALGORITHM
            -u JWT_ISSUER -u MCP_SERVERS_CONFIG -u SARK_URL -u SARK_TIMEOUT)
# WARDEN_GC swaps the collector for an experiment (e.g. WARDEN_GC=-XX:+UseG1GC); the figures use ParallelGC, as ./warden serve does.
WARDEN_GC_OPT="${WARDEN_GC:--XX:+UseParallelGC}"
WARDEN_JVM=(-Xshare:auto)
[[ "$JAVA_MAJOR" -ge 22 ]] && WARDEN_JVM+=(--enable-native-access=ALL-UNNAMED)

warden_jvm() {  # warden_jvm OPTS: sets JVM_ARGS, the options to run Warden's jar with, the extra OPTS last; the
  # default collector only when OPTS names none (two collectors stop the JVM), as ./warden does
  JVM_ARGS=("${WARDEN_JVM[@]}")
  [[ " $1 " == *" -XX:+Use"@(Serial|Parallel|G1|Z|Shenandoah|Epsilon)"GC "* ]] || JVM_ARGS=("$WARDEN_GC_OPT" "${JVM_ARGS[@]}")
  # shellcheck disable=SC2206  # OPTS is a list of JVM options
  JVM_ARGS+=($1)
}

# bench_config DIR PORT SECRET SENSITIVITY [POLICY-YAML [YAML]]: Warden's configuration in DIR (created): on
# 127.0.0.1:PORT, HS256 tokens signed with SECRET (issuer and audience warden-bench), the policies of
# BENCH_POLICY_DIR (default: the shipped policies/) and POLICY-YAML (more indented keys of `policy:`), the SQLite
# audit log in DIR, YAML (more top-level keys), and one upstream, bench-echo, the echo server at UPSTREAM_URL, with
# metadata sensitivity_level SENSITIVITY.
bench_config() {
  local dir="$1" port="$2" secret="$3" sensitivity="$4" policy_yaml="${5:-}" yaml="${6:-}"
  mkdir -p "$dir"
  cat >"$dir/warden.yaml" <<CONF
gateway:
  host: 127.0.0.1
  port: $port
  environment: production
  log_level: INFO   # Warden logs no line per request at INFO; startup and shutdown lines help a post-mortem
jwt:
  algorithms: [HS256]
  secret: "$secret"
  issuer: warden-bench
  audience: warden-bench
policy:
  dir: ${BENCH_POLICY_DIR:-$ROOT/policies}
$policy_yaml
audit:
  db_path: $dir/audit.db
servers:
  config: $dir/mcp_servers.yaml
$yaml
CONF
  cat >"$dir/mcp_servers.yaml" <<CONF
servers:
  bench-echo:
    transport: streamable-http
    url: $UPSTREAM_URL
    description: Zero-latency echo server of the load benchmark
    timeout: 10s
    metadata: {sensitivity_level: $sensitivity}
CONF
}

# start_bench_warden DIR JAR JAVA_OPTS: Warden from JAR, in DIR (created), in front of the echo upstream;
# mints DIR/token (subject bench, role admin) and sets STARTED_PORT and STARTED_PID.
# Real JWT checking (HS256 with a fresh random secret, issuer and audience checked), the shipped tutorial
# policy (policies/, which lets the role admin invoke any tool; BENCH_POLICY_DIR for another), and the SQLite audit
# log. The upstream is registered as sensitivity_level critical, for which the policy returns cache_ttl 0: every
# call is decided afresh, never answered from a decision cache.
start_bench_warden() {
  local dir="$1" jar="$2" opts="$3" port secret
  port="$(free_port)"
  secret="$(head -c 36 /dev/urandom | base64 | tr -d '\n')"
  bench_config "$dir" "$port" "$secret" critical
  # Run from its directory, with the configuration environment unset (WARDEN_ENV, warden_jvm: above).
  warden_jvm ""
  (cd "$dir" && exec "${WARDEN_ENV[@]}" "$JAVA" "${JVM_ARGS[@]}" -jar "$jar" \
      token --config "$dir/warden.yaml" --sub bench --roles admin --ttl 2h >"$dir/token" 2>"$dir/token.log") \
    || { cat "$dir/token.log" "$dir/token" >&2; die "could not mint a token with $jar token"; }
  warden_jvm "$opts"
  (cd "$dir" && exec "${WARDEN_ENV[@]}" "$JAVA" "${JVM_ARGS[@]}" -jar "$jar" \
      serve --config "$dir/warden.yaml" >"$dir/warden.log" 2>&1) &
  STARTED_PID=$!
  STARTED_PORT=$port
  PIDS+=("$STARTED_PID")
  wait_http "http://127.0.0.1:$port/health" "$STARTED_PID" "Warden ($dir)" "$dir/warden.log"
}
