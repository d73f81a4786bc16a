# Sourced by ./warden, ./test and .ci/run: finds a JDK >= 21 and exports JAVA_HOME and JAVA.
# Probe order: $JAVA_HOME, the `java` on PATH, then every JDK under the usual install directories (newest first).

_warden_java_major() {
  # Prints the feature version of the java binary $1 (e.g. 17, 21, 25), or nothing if it does not run.
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | head -n1 | sed 's/^1\.//'
}

_warden_find_java() {
  local candidates=() c major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for c in /usr/lib/jvm/*/bin/java /usr/local/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java \
           "$HOME"/.sdkman/candidates/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -x "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    major=$(_warden_java_major "$c")
    [ -n "$major" ] || continue
    # Prefer $JAVA_HOME or PATH's java when it is new enough; otherwise take the newest found.
    if [ "$major" -ge 21 ] && [ -z "$best" ]; then best="$c"; best_major=$major; fi
    if [ "$major" -gt "$best_major" ] && [ "$best_major" -lt 21 ]; then best="$c"; best_major=$major; fi
  done
  if [ -z "$best" ] || [ "$best_major" -lt 21 ]; then
    echo "warden: needs a JDK 21 or newer; none found (looked at \$JAVA_HOME, PATH and /usr/lib/jvm). Install one, or set JAVA_HOME." >&2
    return 1
  fi
  JAVA="$(readlink -f "$best")"
  JAVA_HOME="$(dirname "$(dirname "$JAVA")")"
  JAVA_MAJOR="$best_major"
  export JAVA JAVA_HOME JAVA_MAJOR
}

_warden_find_java || exit 1
