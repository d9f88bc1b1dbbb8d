#!/usr/bin/env bash
# bindcheck benchmark: throughput of `lint` against a parse-only floor, scaling with cores,
# peak memory as N grows, and `diagnose` start-up against `--version`.
#
#   bench/run.sh [N]          N profiles (default 20000); memory is also measured at 5N
#   BENCH_DIR=/path bench/run.sh   keep the generated profiles there (default: a temp dir, removed)
#
# See bench/README.md for what each figure means and the targets.
set -euo pipefail

N="${1:-20000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
JOBS="$(nproc)"
cd "$ROOT"

echo "building release binaries..." >&2
cargo build --release --quiet --bin bindcheck --example gen_profiles --example parse_floor
BIN="$TARGET/release/bindcheck"
GEN="$TARGET/release/examples/gen_profiles"
FLOOR="$TARGET/release/examples/parse_floor"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_work_dir

# Bash's own clock: forking `date` around a command of a few milliseconds would add about a
# millisecond to it. LC_ALL=C keeps its decimal point a point.
export LC_ALL=C
# rate COUNT START END -> files per second
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }

# Peak resident set size in KiB of a command (its stdout discarded). Uses GNU time when
# present; otherwise polls VmHWM of the process from /proc, which is close enough for a
# process that runs more than a few hundred milliseconds.
peak_kib() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f '%M' -o "$WORK/time.out" "$@" >/dev/null 2>&1 || true
        tail -n 1 "$WORK/time.out"
    else
        "$@" >/dev/null 2>&1 &
        local pid=$! hwm=0 v
        while kill -0 "$pid" 2>/dev/null; do
            v="$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
            [[ -n "$v" ]] && hwm="$v"
            sleep 0.05
        done
        wait "$pid" || true
        echo "$hwm"
    fi
}

# lint exits 0 (clean) or 1 (findings); 2 means it could not do its job.
lint_ok() {
    local code=0
    "$BIN" lint "$1" --format json --jobs 1 >/dev/null 2>"$WORK/lint.err" || code=$?
    [[ $code -le 1 ]]
}

echo "generating $N and $((5 * N)) profiles in $WORK..." >&2
rm -rf "$WORK/n" "$WORK/5n"
"$GEN" "$N" "$WORK/n" >&2
"$GEN" "$((5 * N))" "$WORK/5n" >&2
# Warm the page cache so the first measurement is not the only one reading from disk.
cat "$WORK"/n/*/*.toml >/dev/null

echo "floor (read + toml DeTable::parse, 1 thread)..." >&2
t0=$EPOCHREALTIME; "$FLOOR" "$WORK/n" >/dev/null; t1=$EPOCHREALTIME
floor_rate=$(rate "$N" "$t0" "$t1")

lint_j1="n/a"; lint_jn="n/a"; ratio="n/a"; mem_n="n/a"; mem_5n="n/a"
if lint_ok "$WORK/n/0000"; then
    echo "lint --jobs 1..." >&2
    t0=$EPOCHREALTIME; "$BIN" lint "$WORK/n" --format json --jobs 1 >/dev/null || true; t1=$EPOCHREALTIME
    lint_j1=$(rate "$N" "$t0" "$t1")
    echo "lint --jobs $JOBS..." >&2
    t0=$EPOCHREALTIME; "$BIN" lint "$WORK/n" --format json --jobs "$JOBS" >/dev/null || true; t1=$EPOCHREALTIME
    lint_jn=$(rate "$N" "$t0" "$t1")
    ratio=$(awk -v f="$floor_rate" -v l="$lint_j1" 'BEGIN { printf "%.2f", f / l }')
    echo "peak memory..." >&2
    mem_n=$(peak_kib "$BIN" lint "$WORK/n" --format json --jobs "$JOBS")
    mem_5n=$(peak_kib "$BIN" lint "$WORK/5n" --format json --jobs "$JOBS")
else
    echo "bench: 'bindcheck lint' is not available in this build ($(head -c 200 "$WORK/lint.err")); lint figures skipped" >&2
fi

echo "diagnose vs --version (41 interleaved pairs each)..." >&2
# Start-up is a few milliseconds, so on a shared machine a burst of load can double one run.
# Runs of `--version` and `diagnose` alternate, so both see the same conditions, and the
# medians are compared.
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }
startup_rows=""
for one in "$WORK/n/0000/seller-000001.toml" "$ROOT"/fixtures/examples/*.toml; do
    : >"$WORK/v.ms"; : >"$WORK/d.ms"
    for _ in $(seq 41); do
        t0=$EPOCHREALTIME; "$BIN" --version >/dev/null 2>&1 || true; t1=$EPOCHREALTIME
        "$BIN" diagnose "$one" --as-of 2026-11-21 >/dev/null 2>&1 || true; t2=$EPOCHREALTIME
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$WORK/v.ms"
        awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$WORK/d.ms"
    done
    v=$(median <"$WORK/v.ms"); d=$(median <"$WORK/d.ms")
    x=$(awk -v d="$d" -v v="$v" 'BEGIN { printf "%.2f", d / v }')
    startup_rows+=$(printf '| %-40s | %-22s | %-15s |' "diagnose $(basename "$one")" "$d ms vs $v ms = $x ×" "≤ 2× --version")$'\n'
done

# Instruction counts do not depend on what else the machine is doing: the same ratio, measured
# by callgrind on the first 1000 profiles, is the figure to compare between runs.
instr_ratio="n/a (valgrind not found)"
if command -v valgrind >/dev/null; then
    echo "instruction counts (callgrind, 1000 profiles)..." >&2
    instructions() {
        # lint exits 1 when it finds something; only the count matters here.
        { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } \
            | awk '/Collected/ { print $NF }'
    }
    floor_ir=$(instructions "$FLOOR" "$WORK/n/0000")
    lint_ir=$(instructions "$BIN" lint "$WORK/n/0000" --format json --jobs 1)
    instr_ratio=$(awk -v f="$floor_ir" -v l="$lint_ir" 'BEGIN { printf "%.2f × (%.0f k vs %.0f k instructions per file)", l / f, l / 1000000, f / 1000000 }')
fi

echo "per-stage profile of analyze (mean per file)..." >&2
"$FLOOR" "$WORK/n" --stages > "$WORK/stages.txt" || true

cat <<TABLE

bindcheck benchmark — N=$N profiles, $JOBS cores, $(uname -sr)
| measure                                  | value          | target          |
|------------------------------------------|----------------|-----------------|
| floor: read + toml parse, 1 thread       | $floor_rate files/s | —          |
| lint --format json --jobs 1              | $lint_j1 files/s | —             |
| lint --format json --jobs $JOBS              | $lint_jn files/s | near ${JOBS}× jobs 1 |
| lint(jobs 1) time / floor time          | $ratio ×        | ≤ 1.5×          |
| same, in instructions                    | $instr_ratio | ≤ 1.5×  |
| peak RSS, lint N=$N                   | $mem_n KiB     | flat            |
| peak RSS, lint 5N=$((5 * N))                 | $mem_5n KiB    | flat            |
$(printf '%s' "$startup_rows")

TABLE
cat "$WORK/stages.txt"
