# Sourced by ./warden, ./test and .ci/run: finds a JDK >= 21 and exports JAVA_HOME, JAVA and JAVA_MAJOR.
# Probe order: $JAVA_HOME, the `java` on PATH, then every JDK under the usual install directories, newest first.
# A JDK's version is read from its `release` file, so probing starts no JVM unless that file is missing.

_warden_java_major() {
  # Prints the feature version (17, 21, 25, ...) of the java binary $1, or nothing if it cannot be told.
  local bin home v
  bin="$(readlink -f "$1" 2>/dev/null)" || return 0
  home="$(dirname "$(dirname "$bin")")"
  if [ -f "$home/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$home/release" | head -n1)"
  else
    v="$("$bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | head -n1)"
  fi
  v="${v#1.}"
  echo "${v%%.*}"
}

_warden_find_java() {
  local candidates=() c major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  # Install directories, newest version first (sort -V on the directory names).
  while IFS= read -r c; do candidates+=("$c"); done < <(
    ls -d /usr/lib/jvm/*/bin/java /usr/local/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java \
          "$HOME"/.sdkman/candidates/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java \
          2>/dev/null | sort -rV)
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    major="$(_warden_java_major "$c")"
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ]; then best="$c"; best_major=$major; break; fi
  done
  if [ -z "$best" ]; then
    echo "warden: needs a JDK 21 or newer; none found (looked at \$JAVA_HOME, PATH and /usr/lib/jvm). Install one, or set JAVA_HOME." >&2
    return 1
  fi
  JAVA="$(readlink -f "$best")"
  JAVA_HOME="$(dirname "$(dirname "$JAVA")")"
  JAVA_MAJOR="$best_major"
  export JAVA JAVA_HOME JAVA_MAJOR
}

_warden_find_java || exit 1
