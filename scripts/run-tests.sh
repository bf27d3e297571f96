#!/usr/bin/env bash
# Sets up (installs packages, builds with warnings as errors) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh -DDOSSIER_WERROR=ON
ctest --test-dir build --output-on-failure --parallel "$(nproc)" "$@"
