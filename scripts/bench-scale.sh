#!/usr/bin/env bash
# The scale benchmark (tests/scale_bench.rs, not part of the test run): a
# large synthetic organization in moto behind the fault proxy, with 50 ms of
# latency per call and Identity Center throttled at 20 requests/s. Prints
# the snapshot's calls, wall time and ratio to the throttle floor, and the
# assignment inventory read by orgguard, by the account × permission-set
# walk, and by aws-sso-util. Takes about 30 minutes on 2 cores;
# ORGGUARD_BENCH_SHAPE=small runs the same steps in under a minute. Arguments
# pick tests by name, e.g. `scripts/bench-scale.sh a_deep_snapshot` (the
# large org's snapshots, then import and plan with and without Identity
# Center on it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/moto.sh

AWS_SSO_UTIL_VERSION="4.33.0"
if ! .venv-bench/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('aws-sso-util') != '$AWS_SSO_UTIL_VERSION')" 2>/dev/null; then
    echo "installing aws-sso-util==$AWS_SSO_UTIL_VERSION into .venv-bench" >&2
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install --quiet --disable-pip-version-check "aws-sso-util==$AWS_SSO_UTIL_VERSION"
fi
export ORGGUARD_AWS_SSO_UTIL="$PWD/.venv-bench/bin/aws-sso-util"

cargo test --release --test scale_bench -- --ignored --nocapture --test-threads=1 "$@" 2>&1 |
    grep -v -E '^(running [0-9]+ tests|test result:)'
