#!/usr/bin/env bash
# Posts a Markdown file as a pull-request comment, or updates the comment
# this action posted before for the same key, so a pull request carries one
# orgguard plan (or lint) comment however often it is pushed to.
#
#   action/comment.sh FILE KEY
#
# Needs GH_TOKEN, GITHUB_REPOSITORY and PR (the pull-request number).
set -euo pipefail

file="$1"
key="$2"
: "${PR:?not a pull request: nothing to comment on}"
marker="<!-- orgguard-comment: $key -->"

body="$(mktemp)"
trap 'rm -f "$body"' EXIT
{
    echo "$marker"
    cat "$file"
} >"$body"

existing="$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$PR/comments" \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n1)"
if [ -n "$existing" ]; then
    gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$body" >/dev/null
    echo "updated comment $existing on #$PR" >&2
else
    gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR/comments" -F "body=@$body" >/dev/null
    echo "commented on #$PR" >&2
fi
