#!/usr/bin/env bash
# EcoLobby against a Chromium kiosk on this machine: the same dashboard, one after the other,
# under Xvfb; prints time to first frame, memory of all processes, idle CPU and frame time
# side by side (method: scripts/bench_vs_browser.py; results: docs/perf.md).
#   scripts/bench-vs-browser.sh [--seconds 60] [--starts 5] [--keep DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
need=()
for p in chromium python3-pil xvfb; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if [[ ! -x build/kiosk/app/ecolobby ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DECOLOBBY_BUILD_TESTS=OFF >/dev/null
  cmake --build build -j"$(nproc)"
fi
exec /usr/bin/python3 scripts/bench_vs_browser.py "$@"
