#!/usr/bin/env bash
# The interview benchmark: a scripted answerer over `bindcheck interview --protocol jsonl` for
# every shipped profile whose first cause explains a symptom; how often the interview's first
# cause is `diagnose`'s on the whole profile with the same symptom, and how many questions it
# took. See bench/README.md ("Interview").
#
#   bench/interview.sh              the specific symptom, profiles under fixtures/
#   bench/interview.sh --generic    the least specific symptom instead (the worst case)
#   PROFILE=debug bench/interview.sh   use a debug build (same figures: nothing here is timed)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
PROFILE="${PROFILE:-release}"
cd "$ROOT"

flags=(--quiet --bin bindcheck --example interview_bench)
[[ "$PROFILE" == release ]] && flags+=(--release)
echo "building ($PROFILE)..." >&2
cargo build "${flags[@]}"
generic=()
if [[ "${1:-}" == --generic ]]; then
    generic=(--generic)
    shift
fi
"$TARGET/$PROFILE/examples/interview_bench" "${generic[@]}" "$TARGET/$PROFILE/bindcheck" "${@:-fixtures}"
