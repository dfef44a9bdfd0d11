#!/usr/bin/env bash
# Rebuilds data/event-actions.tsv.gz: for each API operation whose IAM
# action is not named like the operation (s3 DeleteBucketOwnershipControls
# is authorized as s3:PutBucketOwnershipControls), the action that
# `orgguard simulate` evaluates for a CloudTrail event of that name.
#
# The source is AWS's service reference data (the per-service documents
# whose `Operations` list each operation's `AuthorizedActions`), as pinned
# and checksummed in the cloudcover-aws crate (MIT), fetched from crates.io
# with cargo into a throwaway directory. Bump CLOUDCOVER_AWS_VERSION to pick
# up a newer snapshot.
#
# Line format: `prefix<TAB>Operation<TAB>service:Action`. AWS lists an
# operation's actions in name order, so the primary one is chosen by rule:
# the action named like the operation; else, among the operation's own
# service's actions (or all when it has none), those with the operation's
# verb (ListObjectsV2 -> ListBucket, not GetObjectAcl) with the most
# similar name; without one, the first write action for a write operation
# (CopyObject -> PutObject, CreateRestApi -> POST), the first read action for
# a read; tagging actions only when nothing else is listed. The others,
# which AWS checks for some request parameters only (TagResource on a
# create call with tags), are not kept.
set -euo pipefail
cd "$(dirname "$0")/.."

CLOUDCOVER_AWS_VERSION="${CLOUDCOVER_AWS_VERSION:-0.2.3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/probe/src"
touch "$work/probe/src/lib.rs"
cat > "$work/probe/Cargo.toml" <<TOML
[package]
name = "probe"
version = "0.0.0"
edition = "2021"

[dependencies]
cloudcover-aws = "=$CLOUDCOVER_AWS_VERSION"
TOML
CARGO_HOME="$work/cargo" cargo fetch --quiet --manifest-path "$work/probe/Cargo.toml"
catalog="$(find "$work/cargo/registry/src" -path "*/cloudcover-aws-$CLOUDCOVER_AWS_VERSION/data/sar/catalog.json" | head -n1)"
manifest="$(dirname "$catalog")/manifest.json"

python3 - "$catalog" "$manifest" "$CLOUDCOVER_AWS_VERSION" <<'PY'
import difflib, gzip, hashlib, json, re, sys

catalog_path, manifest_path, version = sys.argv[1:4]
raw = open(catalog_path, "rb").read()
manifest = json.load(open(manifest_path))
if hashlib.sha256(raw).hexdigest() != manifest["catalog_sha256"]:
    sys.exit("catalog.json does not match the digest in its manifest")

with gzip.open("data/iam-actions.txt.gz", "rt") as f:
    known = {l.strip().lower() for l in f if l.strip() and not l.startswith("#")}
known_services = {a.split(":", 1)[0] for a in known}

READS = ("Get", "List", "Describe", "Head", "Search", "Select", "Lookup", "Query", "Scan")


def verb(name):
    m = re.match(r"[A-Z][a-z]*", name)
    return m.group(0) if m else name


def tagging(name):
    return name.startswith(("Tag", "AddTags", "CreateTags"))


def primary(op, prefix, listed):
    name = op["Name"]
    own = [a for a in listed if a["Service"] == prefix] or listed
    for a in own:
        if a["Name"] == name:
            return a
    main = [a for a in own if not tagging(a["Name"])] or own
    same_verb = [a for a in main if verb(a["Name"]) == verb(name)]
    if same_verb:
        return max(
            enumerate(same_verb),
            key=lambda item: (difflib.SequenceMatcher(None, name, item[1]["Name"]).ratio(), -item[0]),
        )[1]
    writes = verb(name) not in READS
    fitting = [a for a in main if (verb(a["Name"]) not in READS) == writes]
    return (fitting or main)[0]


rows, services, operations = [], set(), 0
for entry in json.loads(raw)["services"]:
    doc = entry["document"]
    prefix = doc["Name"]
    if prefix not in known_services:
        continue
    for op in doc.get("Operations", []):
        listed = op.get("AuthorizedActions") or []
        if not listed:
            continue
        operations += 1
        services.add(prefix)
        chosen = primary(op, prefix, listed)
        action = f"{chosen['Service']}:{chosen['Name']}"
        if action != f"{prefix}:{op['Name']}":
            rows.append(f"{prefix}\t{op['Name']}\t{action}")

rows = sorted(set(rows), key=str.lower)
header = (
    f"# source: AWS service reference data retrieved {manifest['retrieved_at'][:10]}, "
    f"via cloudcover-aws {version} (MIT); {len(services)} services, "
    f"{operations} operations, {len(rows)} named unlike their action"
)
with open("data/event-actions.tsv.gz", "wb") as out_raw:
    with gzip.GzipFile(fileobj=out_raw, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(("\n".join([header] + rows) + "\n").encode())
print(f"data/event-actions.tsv.gz: {len(rows)} operations of {len(services)} services")
PY
