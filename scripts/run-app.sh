#!/usr/bin/env bash
# Sets up (installs packages, builds) and starts the Dossier desktop app. Arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
exec build/src/app/dossier "$@"
