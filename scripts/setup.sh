#!/usr/bin/env bash
# Installs the Debian 12 packages Dossier needs (skipping those already installed), then
# configures and builds into ./build. Usage: scripts/setup.sh [extra cmake -D options]
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
    cmake ninja-build g++ pkgconf
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite qt6-image-formats-plugins libqt6svg6 qt6-svg-dev qt6-charts-dev
    libphonenumber-dev libicu-dev libspdlog-dev libsqlite3-dev sqlite3 libssl-dev
    libexiv2-dev libzip-dev libavformat-dev libavcodec-dev libavutil-dev libgl-dev
    python3-phonenumbers fonts-noto-cjk fonts-wqy-microhei
    xvfb xauth poppler-utils
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build build --parallel "$(nproc)"
