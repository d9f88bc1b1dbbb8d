# Shared by the bench scripts (sourced, not run).

# Sets WORK to $BENCH_DIR (kept) or to a temporary folder removed when the script exits.
bench_work_dir() {
    if [[ -n "${BENCH_DIR:-}" ]]; then
        WORK="$BENCH_DIR"
        mkdir -p "$WORK"
    else
        WORK="$(mktemp -d)"
        trap 'rm -rf "$WORK"' EXIT
    fi
}
