# shellcheck shell=bash
# Finds a JDK >= 21 for Cairn. Sourced by ./cairn and ./test.sh; run directly it prints the JDK's
# home (exit 0) or explains what to install (exit 1).
#
# Order: JAVA_HOME if it is a JDK >= 21; otherwise the newest JDK >= 21 among /usr/lib/jvm/*,
# /opt/java/*, /opt/jdk*, ~/.sdkman/candidates/java/*, macOS JavaVirtualMachines, and `java` on PATH.
# A version comes from the JDK's `release` file (JAVA_VERSION) or, failing that, `java -version`.
# Only full JDKs count (bin/java and bin/javac), because the launcher compiles Cairn on first run.
#
# Test hook: CAIRN_JDK_SEARCH (space-separated globs) replaces the search list, PATH included.

CAIRN_MIN_JAVA=21

# Prints the major version of the JDK at $1 (8, 17, 21, 25...); fails if it is not a usable JDK.
cairn_jdk_major() {
    local home=$1 v=
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
    if [ -r "$home/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$home/release" | head -n 1)
    fi
    if [ -z "$v" ]; then
        v=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    case $v in 1.*) v=${v#1.} ;; esac
    v=${v%%[.+_-]*}
    case $v in '' | *[!0-9]*) return 1 ;; esac
    printf '%s\n' "$v"
}

# Prints candidate JDK homes, one per line.
cairn_jdk_candidates() {
    local patterns p java
    if [ -n "${CAIRN_JDK_SEARCH:-}" ]; then
        patterns=$CAIRN_JDK_SEARCH
    else
        patterns="/usr/lib/jvm/* /opt/java/* /opt/jdk* ${HOME:-/nonexistent}/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home"
    fi
    for p in $patterns; do
        [ -d "$p" ] && printf '%s\n' "$p"
    done
    if [ -z "${CAIRN_JDK_SEARCH:-}" ] && java=$(command -v java 2>/dev/null); then
        java=$(readlink -f "$java" 2>/dev/null || printf '%s' "$java")
        printf '%s\n' "${java%/bin/java}"
    fi
}

# Sets CAIRN_JDK_HOME and CAIRN_JDK_MAJOR, or prints what to install and fails.
cairn_find_jdk() {
    local best='' best_major=0 candidate major
    CAIRN_JDK_HOME='' CAIRN_JDK_MAJOR=''
    if [ -n "${JAVA_HOME:-}" ] && major=$(cairn_jdk_major "$JAVA_HOME") && [ "$major" -ge "$CAIRN_MIN_JAVA" ]; then
        CAIRN_JDK_HOME=$JAVA_HOME CAIRN_JDK_MAJOR=$major
        return 0
    fi
    while IFS= read -r candidate; do
        major=$(cairn_jdk_major "$candidate") || continue
        if [ "$major" -ge "$CAIRN_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
            best=$candidate best_major=$major
        fi
    done < <(cairn_jdk_candidates)
    if [ -n "$best" ]; then
        CAIRN_JDK_HOME=$best CAIRN_JDK_MAJOR=$best_major
        return 0
    fi
    cat >&2 <<MSG
Error: Cairn needs a JDK $CAIRN_MIN_JAVA or newer, and none was found
  (looked at JAVA_HOME, /usr/lib/jvm, /opt/java, /opt/jdk*, ~/.sdkman and java on PATH).
  Install one, e.g. 'sudo apt-get install openjdk-21-jdk' (Debian/Ubuntu) or a Temurin $CAIRN_MIN_JAVA+ JDK
  from https://adoptium.net, or set JAVA_HOME to a JDK $CAIRN_MIN_JAVA+.
MSG
    return 1
}

# cairn_find_jdk, then export JAVA_HOME and PATH for it (Maven uses them too). On JDK >= 23, also
# tell Maven's own JVM that sun.misc.Unsafe is allowed, which silences its startup warnings.
cairn_use_jdk() {
    cairn_find_jdk || return 1
    export JAVA_HOME=$CAIRN_JDK_HOME
    export PATH="$JAVA_HOME/bin:$PATH"
    if [ "$CAIRN_JDK_MAJOR" -ge 23 ]; then
        case " ${MAVEN_OPTS:-} " in
            *" --sun-misc-unsafe-memory-access="*) ;;
            *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
        esac
    fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    cairn_find_jdk && printf '%s\n' "$CAIRN_JDK_HOME"
fi
