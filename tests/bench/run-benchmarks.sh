#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Import benchmarks, each side by side with what a user would otherwise run on the same file.
# usage: tests/bench/run-benchmarks.sh [BUILD_DIR] [WORK_DIR]
# Needs a built tree (.ci/setup), node/npm for the WhatsApp reference, sqlite3, /usr/bin/time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build}"
work="${2:-/tmp/dossier-bench}"
cli="$build/src/cli/dossier-cli"
mkdir -p "$work"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

if [ ! -f "$work/calls-bench.xml" ]; then
    echo "generating inputs in $work ..." >&2
    "$PY" "$here/gen_bench_data.py" "$work" >&2
fi

# Prints "seconds peak_MiB" for a command (wall time; /usr/bin/time writes to its own file so the
# command's output can be discarded).
measure() {
    /usr/bin/time -f "%e %M" -o "$work/time.out" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$work/time.out"
}

# Each side runs BENCH_RUNS times (default 3), Dossier and the reference alternating, so that a
# slow spell of a shared machine hits both; the median time and the largest peak are reported.
runs="${BENCH_RUNS:-3}"
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
largest() { tr ' ' '\n' | grep -v '^$' | sort -n | tail -1; }
all_times() { tr ' ' '\n' | grep -v '^$' | sort -n | paste -sd/ -; }

fresh_case() {
    rm -f "$work/bench.dossier" "$work/bench.dossier-wal" "$work/bench.dossier-shm"
    "$cli" new "$work/bench.dossier" --title bench >/dev/null
}

# compare LABEL REFLABEL DOSSIER-INPUT -- REFERENCE COMMAND...
# (the reference command's "@REF@" is replaced by a fresh scratch path for every run)
compare() {
    local label="$1" reflabel="$2" input="$3"
    shift 4
    local dts="" dms="" rts="" rms="" dt dm rt rm_
    for _ in $(seq "$runs"); do
        fresh_case
        read -r dt dm < <(measure "$cli" import "$work/bench.dossier" "$input")
        dts="$dts $dt"; dms="$dms $dm"
        rm -f "$work/ref.scratch"
        local cmd=()
        for a in "$@"; do cmd+=("${a//@REF@/$work/ref.scratch}"); done
        read -r rt rm_ < <(measure "${cmd[@]}")
        rts="$rts $rt"; rms="$rms $rm_"
    done
    printf '| %s | %s s (%s) | %s MiB | %s | %s s (%s) | %s MiB |\n' "$label" \
        "$(median <<<"$dts")" "$(all_times <<<"$dts")" "$(largest <<<"$dms")" "$reflabel" \
        "$(median <<<"$rts")" "$(all_times <<<"$rts")" "$(largest <<<"$rms")"
}

# Dossier's imports use two threads, the references one: on a virtual machine whose vCPUs run at
# different speeds (another guest on the host) the comparison is not fair. Same loop on each CPU:
if command -v taskset >/dev/null; then
    printf 'per-CPU check (same Python loop pinned to each CPU):'
    for c in $(seq 0 $(($(nproc) - 1))); do
        /usr/bin/time -f "%e" -o "$work/time.out" taskset -c "$c" "$PY" -c \
            's = 0
for i in range(5000000): s += i' >/dev/null 2>&1 || true
        printf ' cpu%s %ss' "$c" "$(cat "$work/time.out")"
    done
    echo
    echo
fi

echo "| input | dossier-cli import: median (all runs) | peak RSS | reference | median (all runs) | peak RSS |"
echo "|---|---|---|---|---|---|"

# 1. SMS Backup & Restore calls XML
compare "1,000,000 calls (SBR XML, $(du -m "$work/calls-bench.xml" | cut -f1) MiB)" \
    "Python ElementTree.iterparse → SQLite" "$work/calls-bench.xml" -- \
    "$PY" "$here/reference/sbr_iterparse.py" "$work/calls-bench.xml" @REF@

# 2. WhatsApp text export
wa="$work/WhatsApp Chat with 催收.txt"
if [ ! -d "$work/node/node_modules/whatsapp-chat-parser" ]; then
    mkdir -p "$work/node" && (cd "$work/node" && npm init -y >/dev/null && npm install --silent whatsapp-chat-parser >/dev/null)
fi
cp "$here/reference/whatsapp_node.mjs" "$work/node/"
compare "200,000 WhatsApp messages ($(du -m "$wa" | cut -f1) MiB)" \
    "node + whatsapp-chat-parser (parse only)" "$wa" -- node "$work/node/whatsapp_node.mjs" "$wa"

# 3. Carrier CSV
compare "1,000,000-row carrier CSV ($(du -m "$work/carrier-bench.csv" | cut -f1) MiB)" \
    "sqlite3 .import into a bare table" "$work/carrier-bench.csv" -- \
    sqlite3 @REF@ ".import --csv $work/carrier-bench.csv calls"

# 4. Screenshots
bytes=$(du -sb "$work/screenshots" | cut -f1)
dts=""; dms=""
for _ in $(seq "$runs"); do
    fresh_case
    read -r dt dm < <(measure "$cli" import "$work/bench.dossier" "$work/screenshots")
    dts="$dts $dt"; dms="$dms $dm"
done
dt=$(median <<<"$dts")
mbps=$(awk -v b="$bytes" -v t="$dt" 'BEGIN { printf "%.0f", b / 1e6 / t }')
printf '| %s | %s s (%s) | %s MiB | %s | - | - |\n' \
    "$(ls "$work/screenshots" | wc -l) screenshots, $((bytes / 1048576)) MiB → ${mbps} MB/s" \
    "$dt" "$(all_times <<<"$dts")" "$(largest <<<"$dms")" "(target ≥ 250 MB/s)"
