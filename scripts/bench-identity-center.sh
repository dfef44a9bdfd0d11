#!/usr/bin/env bash
# The Identity Center apply benchmark (tests/identity_center_bench.rs, not
# part of the test run): 1,000 account assignments applied through the fault
# proxy with 50 ms of latency per call and Identity Center throttled at 20
# requests/s. Prints the wall time, the Identity Center calls and the ratio
# to the floor those calls set at 20 requests/s; then plan's calls and wall
# time for a layout without [identity_center] next to one with it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/moto.sh

cargo test --release --test identity_center_bench -- --ignored --nocapture --test-threads=1 2>&1 |
    grep -v -E '^(running [0-9]+ tests|test result:)'
