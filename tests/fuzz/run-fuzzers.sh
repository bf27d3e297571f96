#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets with clang in their own build folder and runs each one for a
# while on the seeds in tests/fuzz/seeds/<format>/. Usage: tests/fuzz/run-fuzzers.sh [seconds-per-target]
# Environment: DOSSIER_FUZZ_BUILD_DIR (default build-fuzz), DOSSIER_FUZZ_TARGETS (space-separated
# format ids, default all), DOSSIER_FUZZ_JOBS (ninja -j, default 2).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${1:-30}
build=${DOSSIER_FUZZ_BUILD_DIR:-$root/build-fuzz}
jobs=${DOSSIER_FUZZ_JOBS:-2}
formats=${DOSSIER_FUZZ_TARGETS:-"whatsapp calllog-csv qq-txt wechat-csv wechat-txt sms-backup-xml telegram-json vcard"}

command -v clang++ >/dev/null || { echo "run-fuzzers: clang++ is needed (apt-get install clang)" >&2; exit 2; }

mkdir -p "$build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DDOSSIER_FUZZ=ON -DDOSSIER_BENCH=OFF >"$build/configure.log" 2>&1 \
    || { echo "run-fuzzers: configure failed, see $build/configure.log" >&2; exit 2; }

results=()
status=0
for format in $formats; do
    target="fuzz_${format//-/_}"
    if ! ninja -C "$build" -j"$jobs" "$target" >"$build/$target.build.log" 2>&1; then
        results+=("$format|-|-|build failed (see $build/$target.build.log)")
        status=1
        continue
    fi
    corpus="$build/fuzz-corpus/$format"
    artifacts="$build/fuzz-artifacts/$format/"
    mkdir -p "$corpus" "$artifacts"
    log="$build/$target.log"
    # New inputs go to the work corpus; the seeds in the source tree are only read.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
        "$build/tests/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 -max_len=65536 \
        -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$artifacts" \
        "$corpus" "$root/tests/fuzz/seeds/$format" >"$log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    case $rc in
        0) outcome="ok, coverage $cov" ;;
        2) if grep -q 'no importer for format' "$log"; then outcome="importer not built (placeholder)"; else outcome="exit 2 (see $log)"; fi ;;
        *) outcome="FOUND A CRASH (exit $rc): $(ls -t "$artifacts" 2>/dev/null | head -1), see $log"; status=1 ;;
    esac
    results+=("$format|${execs:--}|${rate:--}|$outcome")
done

echo
printf '%-16s %14s %10s  %s\n' "format" "executions" "exec/s" "result"
for row in "${results[@]}"; do
    IFS='|' read -r f e r o <<<"$row"
    printf '%-16s %14s %10s  %s\n' "$f" "$e" "$r" "$o"
done
exit $status
