#!/usr/bin/env bash
# Opens the HTML audit reports in a real headless Chromium (Debian's, at
# /usr/bin/chromium; never a downloaded browser) and checks them as a
# person would: they open, nothing errors in the console, nothing is loaded
# from the network, the inventory table filters and sorts. Writes a
# screenshot of each report.
#
# usage: scripts/html-report-check.sh [OUT_DIR]
#   ORGGUARD_BIN  the orgguard binary (default: built with cargo)
#   CHROMIUM      the browser (default: /usr/bin/chromium)
#   EXTRA_REPORTS more HTML reports to open and check, space-separated
# Needs: chromium (apt-get install -y chromium) and node (18 or later).
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-${CARGO_TARGET_DIR:-target}/html-report-check}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$chromium" ]; then
    echo "html-report-check: $chromium not found; install it with: apt-get install -y chromium" >&2
    exit 2
fi
if ! command -v node >/dev/null; then
    echo "html-report-check: node not found; install it with: apt-get install -y nodejs" >&2
    exit 2
fi

bin="${ORGGUARD_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --quiet
    bin="${CARGO_TARGET_DIR:-target}/debug/orgguard"
fi

"$bin" audit assignments --live examples/live-org.json --expand-groups --format html -o "$out/assignments.html"
"$bin" audit findings --live examples/live-org.json --format html -o "$out/findings.html"

profile="$(mktemp -d)"
chromium_pid=""
cleanup() {
    if [ -n "$chromium_pid" ]; then kill "$chromium_pid" 2>/dev/null || true; wait "$chromium_pid" 2>/dev/null || true; fi
    # Chromium's helper processes may still be writing the profile for a
    # moment after the browser exits.
    for _ in 1 2 3 4 5; do
        rm -rf "$profile" 2>/dev/null && return 0
        sleep 0.2
    done
    return 0
}
trap cleanup EXIT

# Port 0: Chromium picks a free loopback port and writes it to
# DevToolsActivePort in the profile.
"$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --remote-debugging-address=127.0.0.1 --remote-debugging-port=0 about:blank \
    >"$out/chromium.log" 2>&1 &
chromium_pid=$!
for _ in $(seq 1 100); do
    [ -s "$profile/DevToolsActivePort" ] && break
    sleep 0.1
done
if [ ! -s "$profile/DevToolsActivePort" ]; then
    echo "html-report-check: chromium did not start; see $out/chromium.log" >&2
    exit 2
fi
port="$(head -n1 "$profile/DevToolsActivePort")"

# Node 20 has WebSocket behind a flag; later releases have it on.
node_flags=()
if ! node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)'; then
    node_flags=(--experimental-websocket)
fi

status=0
# Carol Díaz reaches nine accounts through the auditors group.
node "${node_flags[@]}" scripts/html-report-check.mjs "$port" "$out/assignments.html" "$out/assignments.png" "carol" 9 || status=1
node "${node_flags[@]}" scripts/html-report-check.mjs "$port" "$out/findings.html" "$out/findings.png" - - || status=1
for extra in ${EXTRA_REPORTS:-}; do
    node "${node_flags[@]}" scripts/html-report-check.mjs "$port" "$extra" "$out/$(basename "$extra" .html).png" - - || status=1
done
echo "reports and screenshots in $out"
exit $status
