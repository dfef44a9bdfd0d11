#!/usr/bin/env bash
# How much of `plan` and `lint` is loading: on the generated 10,000-account
# organization (release build, files only, no AWS), runs each command with
# -v, which logs how long every step took (src/phase.rs), and compares the
# whole run with the steps that merely read what the command needs: the
# layout (ou-layout.toml and policies/) and the snapshot. The commands read
# the two side by side (src/phase.rs, side_by_side), so each run is set
# against both reads' sum and against the longer of them. Also runs the
# floor: examples/load-only (benches/support/load_only.rs), a process that
# reads the same two inputs with the same functions, on the same two
# threads, and exits; it runs in turn with plan and with lint, so each
# pair sees the same machine and start-up and exit count on both sides.
#
#   scripts/bench-load.sh [ROUNDS] [DIR]
#
# ROUNDS (default 9) pairs of each command; medians are printed. DIR keeps
# the generated files (else a temporary directory is removed). Respects
# CARGO_TARGET_DIR. Needs bash 5 (for EPOCHREALTIME) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-9}"
if [[ $# -gt 1 ]]; then
    dir="$2"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
else
    dir="$(mktemp -d "${TMPDIR:-/tmp}/orgguard-bench-load.XXXXXX")"
    trap 'rm -rf "$dir"' EXIT
fi
target="${CARGO_TARGET_DIR:-$PWD/target}"
bin="$target/release/orgguard"

echo "bench-load: cargo build --release (orgguard and the load-only floor)" >&2
nice -n 10 cargo build --release --quiet --bin orgguard --example load-only
floor="$target/release/examples/load-only"
if [[ ! -f "$dir/snapshot.json" ]]; then
    echo "bench-load: writing the organization into $dir" >&2
    ORGGUARD_BENCH_ORG_DIR="$dir" nice -n 10 cargo test --quiet --test bench_org -- \
        --ignored --exact writes_the_10k_account_organization >&2
fi

log="$dir/bench-load.log"
: >"$log"
# once NAME ARGS...: one run of `orgguard -v ARGS` (for NAME floor, of the
# load-only floor); appends "NAME wall" and the run's phase lines to the log.
once() {
    local name="$1"
    shift
    local err="$dir/$name.err" code=0
    local command=("$bin" -v --no-progress -C "$dir" "$@")
    if [[ $name == floor ]]; then
        command=("$floor" "$dir" "$snapshot")
    fi
    # To the microsecond: the runs take between a tenth and a quarter of
    # a second, so timing them in hundredths (GNU time) would blur each
    # ratio by several percent. EPOCHREALTIME's decimal separator follows
    # the locale; without it the value is a count of microseconds.
    local started=${EPOCHREALTIME//[!0-9]/}
    "${command[@]}" >/dev/null 2>"$err" || code=$?
    local ended=${EPOCHREALTIME//[!0-9]/}
    local micros=$((ended - started))
    # plan and lint exit 1 when they find something (src/exit.rs).
    if [[ $code -gt 1 ]]; then
        echo "bench-load: ${command[*]} exited $code:" >&2
        tail -n 20 "$err" >&2
        exit 1
    fi
    printf 'run %s %d.%06d\n' "$name" $((micros / 1000000)) $((micros % 1000000)) >>"$log"
    sed -n "s/^.*phase: \(.*\) in \([0-9.]*\) s.*$/phase $name \2 \1/p" "$err" >>"$log"
}

snapshot="$dir/snapshot.json"
for ((i = 1; i <= rounds; i++)); do
    echo "bench-load: round $i of $rounds" >&2
    once floor
    once plan plan --live "$snapshot"
    once floor
    once lint lint --live "$snapshot"
done

echo
echo "organization: $(cat "$dir/organization.txt" 2>/dev/null || echo '10,000 accounts')"
echo "machine: $(nproc) cores, $(uname -sm); $rounds rounds"
python3 - "$log" <<'PY'
import statistics, sys
from collections import defaultdict

runs = defaultdict(list)    # command -> wall seconds, in order
phases = defaultdict(lambda: defaultdict(list))  # command -> phase -> seconds
for line in open(sys.argv[1]):
    kind, name, seconds, *rest = line.split()
    if kind == "run":
        runs[name].append(float(seconds))
    else:
        phases[name][" ".join(rest)].append(float(seconds))

def med(values):
    return statistics.median(values) if values else 0.0

LOAD = ("read the layout", "read the snapshot")
print()
print("median seconds per step (orgguard -v), and the whole process:")
for name in ("plan", "lint", "floor"):
    for phase, values in phases[name].items():
        print(f"  {name:8} {phase:24} {med(values):7.3f}")
    print(f"  {name:8} {'whole process':24} {med(runs[name]):7.3f}")
print()
def load_ratios(name, combine):
    ratios = []
    for i, wall in enumerate(runs[name]):
        load = combine(phases[name][p][i] for p in LOAD if i < len(phases[name][p]))
        ratios.append(wall / load if load else float("nan"))
    return ratios

# The commands read the layout on one thread while the snapshot is read on
# another, so two yardsticks: both reads one after the other, and the
# longer of the two (what a loader that also reads them side by side takes).
for label, combine in (("read the layout + read the snapshot", sum),
                       ("the longer of the two reads", max)):
    print(f"ratio of the whole process to merely loading ({label}), median of runs:")
    for name in ("plan", "lint"):
        ratios = load_ratios(name, combine)
        print(f"  {name:8} {med(ratios):5.2f}  (range {min(ratios):.2f}-{max(ratios):.2f})")
    print()
print("paired with the floor (a process that merely loads the same two inputs), run just before, median of pairs:")
for name, offset in (("plan", 0), ("lint", 1)):
    pairs = [a / b for a, b in zip(runs[name], runs["floor"][offset::2])]
    print(f"  {name:8} {med(pairs):5.2f}  (range {min(pairs):.2f}-{max(pairs):.2f})")
PY
