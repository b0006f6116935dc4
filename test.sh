#!/usr/bin/env bash
# Runs every test: all Maven modules (unit, integration, the launcher) and, when interop/ exists,
# installs its Node dependencies first so the interop tests can drive Cairn with real clients.
# Extra arguments go to Maven (e.g. ./test.sh -pl cairn-core). The exit code is Maven's.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
# shellcheck source=scripts/find-jdk.sh
. scripts/find-jdk.sh
cairn_use_jdk || exit 1
echo "test.sh: using JDK $CAIRN_JDK_MAJOR at $JAVA_HOME" >&2

if [ -f interop/package.json ]; then
    if [ -f interop/package-lock.json ]; then
        npm ci --prefix interop --no-audit --no-fund
    else
        npm install --prefix interop --no-audit --no-fund
    fi
fi

exec mvn -B verify "$@"
