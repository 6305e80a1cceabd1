# Shared by ./mvnw and ./newsflow: finds a JDK 21 or newer. POSIX sh, sourced.

java_spec_version() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Prints the JDK to use: JAVA_HOME if it is 21+, else the newest 21+ under the usual install folders.
# Fails with a message saying what to do when there is none.
find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(java_spec_version "$JAVA_HOME")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then echo "$JAVA_HOME"; return 0; fi
  fi
  best=""; best_v=0
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_spec_version "$d")
    if [ "${v:-0}" -gt "$best_v" ] 2>/dev/null; then best="$d"; best_v=$v; fi
  done
  if [ "$best_v" -ge 21 ]; then echo "$best"; return 0; fi
  echo "Newsflow needs a JDK 21 or newer (JAVA_HOME is ${JAVA_HOME:-unset}; none found under /usr/lib/jvm or /opt)." >&2
  echo "Install one (e.g. a Temurin 21 or 25 JDK) and set JAVA_HOME to it." >&2
  return 1
}
