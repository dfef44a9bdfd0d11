#!/usr/bin/env bash
# Times the release binary on a generated 10,000-account organization, read
# from files (no AWS): plan, lint, audit assignments (CSV, and with
# --expand-groups) and audit findings, each against the same deep snapshot.
# Prints one table (wall time and peak resident memory per command, from
# /usr/bin/time) and a line describing the organization.
#
#   scripts/bench-offline.sh [DIR]
#
# The files (ou-layout.toml, policies/, snapshot.json) and every command's
# output are written into DIR when given (and kept), else into a temporary
# directory that is removed afterwards. Respects CARGO_TARGET_DIR. The
# generator is tests/bench_org.rs (an ignored test, so it also builds the
# test profile) over the benchmarks' generators in benches/support/org.rs.
# Needs ~400 MB of disk for the files and outputs.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/time ]]; then
    echo "bench-offline: needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 2
fi

if [[ $# -gt 0 ]]; then
    dir="$1"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
else
    dir="$(mktemp -d "${TMPDIR:-/tmp}/orgguard-bench-offline.XXXXXX")"
    trap 'rm -rf "$dir"' EXIT
fi
target="${CARGO_TARGET_DIR:-$PWD/target}"
bin="$target/release/orgguard"

# Building shares the machine: be nice to other work.
echo "bench-offline: cargo build --release" >&2
build_start=$(date +%s.%N)
nice -n 10 cargo build --release --quiet
build_seconds=$(awk -v a="$build_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')

echo "bench-offline: writing the organization into $dir" >&2
rm -rf "$dir/policies" "$dir/ou-layout.toml" "$dir/snapshot.json"
ORGGUARD_BENCH_ORG_DIR="$dir" nice -n 10 cargo test --quiet --test bench_org -- \
    --ignored --exact writes_the_10k_account_organization >&2

snapshot="$dir/snapshot.json"
rows=()
failed=0

# run NAME OK_CODES RESULT_FN -- ARGS...: times `orgguard ARGS`, checks the
# exit code is one of OK_CODES (space separated), and adds a table row whose
# last column is what RESULT_FN prints.
run() {
    local name="$1" ok="$2" result="$3"
    shift 4
    local out="$dir/$name.out" err="$dir/$name.err" timing="$dir/$name.time"
    echo "bench-offline: orgguard $*" >&2
    local code=0
    /usr/bin/time -f "%e %M" -o "$timing" "$bin" --no-progress -C "$dir" "$@" >"$out" 2>"$err" || code=$?
    local wall kib
    read -r wall kib < <(tail -n 1 "$timing")
    if [[ " $ok " != *" $code "* ]]; then
        echo "bench-offline: orgguard $* exited $code (expected ${ok// / or }):" >&2
        tail -n 20 "$err" >&2
        failed=1
    fi
    rows+=("$(printf '%-32s %4s %8.2f %9.0f  %s' "$name" "$code" "$wall" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$($result "$name")")")
}

plan_result() { grep -E '^Plan: ' "$dir/$1.out" | sed -e 's/^Plan: //' -e 's/\.$//' || echo "?"; }
lint_result() { tail -n 1 "$dir/$1.out" | sed -e 's/^lint (live): //'; }
csv_result() { echo "$(( $(wc -l <"$dir/$1.csv") - 1 )) rows, $(du -m "$dir/$1.csv" | cut -f1) MB"; }
report_result() { echo "$(wc -l <"$dir/$1.md") lines, $(du -k "$dir/$1.md" | cut -f1) KB"; }

# plan and lint exit 1 when they find something that should stop a
# pipeline (src/exit.rs); that is their job here, not a failure.
run plan "0 1" plan_result -- plan --live "$snapshot" -o "$dir/plan.json"
run lint "0 1" lint_result -- lint --live "$snapshot"
run audit-assignments "0" csv_result -- audit assignments --live "$snapshot" -o "$dir/audit-assignments.csv"
run audit-assignments-expand-groups "0" csv_result -- audit assignments --live "$snapshot" --expand-groups -o "$dir/audit-assignments-expand-groups.csv"
run audit-findings "0" report_result -- audit findings --live "$snapshot" -o "$dir/audit-findings.md"

echo
echo "organization: $(cat "$dir/organization.txt")"
echo "machine: $(nproc) cores, $(uname -sm); cargo build --release took $build_seconds s"
echo
echo "each: orgguard -C DIR COMMAND --live snapshot.json"
printf '%-32s %4s %8s %9s  %s\n' command exit "wall s" "peak MiB" result
for row in "${rows[@]}"; do
    echo "$row"
done
exit "$failed"
