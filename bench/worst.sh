#!/usr/bin/env bash
# bindcheck on its worst inputs: time, peak memory and output size per input class.
#
#   bench/worst.sh [BYTES]          classes of about BYTES each (default: just under the size limit for a profile)
#   BIN=/path/to/bindcheck bench/worst.sh   measure another build (e.g. an older one)
#   WORST_TIMEOUT=60 bench/worst.sh         give up on one run after this many seconds (default 120)
#   BENCH_DIR=/path bench/worst.sh          keep the generated inputs there
#   MODES=json bench/worst.sh               run only some of: json human diff (default: all three)
#
# The inputs come from `examples/gen_worst.rs` (one profile per class: a shape of value such as
# all spaces or all U+200B, in one field or in every field; a 10 000-part dotted key; arrays
# nested 10 000 deep; …). Each is run three ways — `diagnose --format json`, `diagnose` (the
# human report) and `lint --diff` (which re-checks the fixed text) — under GNU time, and the
# slowest of the three is reported with the largest peak RSS and output. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
TIMEOUT="${WORST_TIMEOUT:-120}"
MODES="${MODES:-json human diff}"
cd "$ROOT"

if [[ ! -x /usr/bin/time ]]; then
    echo "bench/worst.sh needs GNU time (/usr/bin/time; Debian package 'time')" >&2
    exit 2
fi

echo "building release binaries..." >&2
cargo build --release --quiet --bin bindcheck --example gen_worst
BIN="${BIN:-$TARGET/release/bindcheck}"
GEN="$TARGET/release/examples/gen_worst"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_work_dir
mkdir -p "$WORK/in"
"$GEN" "$WORK/in" ${1:+"$1"} 2>/dev/null

export LC_ALL=C
# run NAME ARGS... -> "seconds kib bytes status" for one run, its stdout counted, not kept.
run() {
    local status=0
    timeout "$TIMEOUT" /usr/bin/time -f '%e %M' -o "$WORK/time.out" "$@" >"$WORK/out" 2>/dev/null \
        || status=$?
    local bytes
    bytes=$(stat -c %s "$WORK/out")
    if [[ $status -eq 124 ]]; then
        echo "timeout - $bytes $status"
    else
        echo "$(tail -n 1 "$WORK/time.out") $bytes $status"
    fi
}

printf '| %-26s | %9s | %11s | %9s | %-7s | %s\n' class "input KB" "worst s" "peak MB" "out MB" "exit codes ($MODES)"
printf '|%s|\n' "----------------------------|-----------|-------------|-----------|---------|-------------------------------"
for file in "$WORK"/in/*.toml; do
    class="$(basename "$file" .toml)"
    worst_s=0; worst_kib=0; worst_bytes=0; codes=""; timed_out=""
    for mode in $MODES; do
        case $mode in
            json) read -r s kib bytes status < <(run "$BIN" diagnose "$file" --format json --as-of 2026-11-21) ;;
            human) read -r s kib bytes status < <(run "$BIN" diagnose "$file" --as-of 2026-11-21) ;;
            diff) read -r s kib bytes status < <(run "$BIN" lint "$file" --diff --format json) ;;
        esac
        codes+="${codes:+, }$status"
        if [[ $s == timeout ]]; then
            timed_out="> ${TIMEOUT}"
            continue
        fi
        worst_s=$(awk -v a="$worst_s" -v b="$s" 'BEGIN { print (b > a ? b : a) }')
        worst_kib=$(( kib > worst_kib ? kib : worst_kib ))
        worst_bytes=$(( bytes > worst_bytes ? bytes : worst_bytes ))
    done
    # A run that timed out has no peak memory or output to show.
    mb=$(awk -v k="$worst_kib" 'BEGIN { if (k == 0) print "-"; else printf "%.1f", k / 1024 }')
    out=$(awk -v b="$worst_bytes" -v k="$worst_kib" 'BEGIN { if (k == 0) print "-"; else printf "%.1f", b / 1048576 }')
    printf '| %-26s | %9d | %11s | %9s | %7s | %s\n' "$class" \
        "$(( $(stat -c %s "$file") / 1024 ))" "${timed_out:-$worst_s}" "$mb" "$out" "$codes"
done
