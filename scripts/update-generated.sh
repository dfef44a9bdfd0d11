#!/usr/bin/env bash
# Regenerates the files orgguard writes about itself and the repository
# ships: the ou-layout.toml JSON Schema (schemas/), shell completions and
# manual pages (share/, which the release archives carry). Tests fail when
# these are stale.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet
bin="${CARGO_TARGET_DIR:-target}/debug/orgguard"

"$bin" schema layout -o schemas/ou-layout.schema.json

mkdir -p share/completions
"$bin" completions bash -o share/completions/orgguard.bash
"$bin" completions zsh -o share/completions/_orgguard
"$bin" completions fish -o share/completions/orgguard.fish
"$bin" completions powershell -o share/completions/_orgguard.ps1

rm -rf share/man/man1
"$bin" man --out-dir share/man/man1
