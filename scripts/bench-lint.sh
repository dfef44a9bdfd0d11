#!/usr/bin/env bash
# Lints a generated deep snapshot of 10,000 member accounts (optimized
# build) and prints the time taken and the findings per rule.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo bench --bench lint_10k "$@"
