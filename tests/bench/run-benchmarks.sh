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

fresh_case() {
    rm -f "$work/bench.dossier" "$work/bench.dossier-wal" "$work/bench.dossier-shm"
    "$cli" new "$work/bench.dossier" --title bench >/dev/null
}

row() { printf '| %s | %s | %s s | %s MiB | %s | %s s | %s MiB |\n' "$@"; }

echo "| input | Dossier | time | peak RSS | reference | time | peak RSS |"
echo "|---|---|---|---|---|---|---|"

# 1. SMS Backup & Restore calls XML
fresh_case
read -r dt dm < <(measure "$cli" import "$work/bench.dossier" "$work/calls-bench.xml")
rm -f "$work/ref.db"
read -r rt rm_ < <(measure "$PY" "$here/reference/sbr_iterparse.py" "$work/calls-bench.xml" "$work/ref.db")
row "1,000,000 calls (SBR XML, $(du -m "$work/calls-bench.xml" | cut -f1) MiB)" "dossier-cli import" "$dt" "$dm" \
    "Python ElementTree.iterparse → SQLite" "$rt" "$rm_"

# 2. WhatsApp text export
wa="$work/WhatsApp Chat with 催收.txt"
fresh_case
read -r dt dm < <(measure "$cli" import "$work/bench.dossier" "$wa")
if [ ! -d "$work/node/node_modules/whatsapp-chat-parser" ]; then
    mkdir -p "$work/node" && (cd "$work/node" && npm init -y >/dev/null && npm install --silent whatsapp-chat-parser >/dev/null)
fi
cp "$here/reference/whatsapp_node.mjs" "$work/node/"
read -r rt rm_ < <(measure node "$work/node/whatsapp_node.mjs" "$wa")
row "200,000 WhatsApp messages ($(du -m "$wa" | cut -f1) MiB)" "dossier-cli import" "$dt" "$dm" \
    "node + whatsapp-chat-parser (parse only)" "$rt" "$rm_"

# 3. Carrier CSV
fresh_case
read -r dt dm < <(measure "$cli" import "$work/bench.dossier" "$work/carrier-bench.csv")
rm -f "$work/bare.db"
read -r rt rm_ < <(measure sqlite3 "$work/bare.db" ".import --csv $work/carrier-bench.csv calls")
row "1,000,000-row carrier CSV ($(du -m "$work/carrier-bench.csv" | cut -f1) MiB)" "dossier-cli import" "$dt" "$dm" \
    "sqlite3 .import into a bare table" "$rt" "$rm_"

# 4. Screenshots
fresh_case
bytes=$(du -sb "$work/screenshots" | cut -f1)
read -r dt dm < <(measure "$cli" import "$work/bench.dossier" "$work/screenshots")
mbps=$(awk -v b="$bytes" -v t="$dt" 'BEGIN { printf "%.0f", b / 1e6 / t }')
row "$(ls "$work/screenshots" | wc -l) screenshots, $((bytes / 1048576)) MiB → ${mbps} MB/s" "dossier-cli import" "$dt" "$dm" \
    "(target ≥ 250 MB/s)" "-" "-"
