#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds EcoLobby and runs it in a window on the bundled
# content and sample feed. Without a display it renders a screenshot instead.
# Quit the window with Esc (the demo config allows it) or Ctrl+Alt+Q.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --runtime-only
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DECOLOBBY_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"
BIN=build/kiosk/app/ecolobby
# A sample feed of 16 institutions up to now: a year and a half of history, today in 15 minutes.
mkdir -p ecolobby-data
python3 scripts/feed-sim generate --institutions 16 --seed 2022 --out ecolobby-data/sample-feed.json
"$BIN" --config scripts/demo.toml check
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec "$BIN" --config scripts/demo.toml --windowed "${DEMO_SIZE:-1600x900}" "$@"
fi
echo "demo: no display found; rendering a headless screenshot instead"
"$BIN" --config scripts/demo.toml --headless --frames 2 --screenshot ecolobby-demo.png "$@"
echo "demo: wrote $(pwd)/ecolobby-demo.png"
