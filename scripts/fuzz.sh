#!/usr/bin/env bash
# The long fuzzing run for before a release: the property tests of
# tests/fuzz_readers.rs (generated and mutated input thrown at every reader,
# in-process and through the binary) with many more inputs than the suite
# runs. Each target prints how many inputs it ran.
#
# usage: scripts/fuzz.sh [CASES]   (default 20000 per target; the binary
#                                   targets run CASES/100, each is a process)
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-20000}"
PROPTEST_CASES="$cases" cargo test --release --test fuzz_readers -- --test-threads=2 --nocapture 2>&1 |
    grep -E '^fuzz |test result|panicked|FAILED'
