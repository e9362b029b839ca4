#!/usr/bin/env bash
# Rendering benchmark for the kiosk shell. Prints figures; never fails on them.
#   time to first presented frame · frame time p50/p99 at 1920x1080 in software for a text slide
#   RSS after 300 frames · CPU % over 10 s on a static slide in a real (Xvfb) window
# Usage: scripts/bench-render.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/kiosk/app/ecolobby
[[ -x $BIN ]] || { echo "build first: cmake --build $BUILD" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
printf 'data_dir = "%s"\n' "$WORK/data" > "$WORK/ecolobby.toml"
CFG="--config $WORK/ecolobby.toml"
SLIDE_NOW=2026-06-24T10:00:00+08:00
# A content directory holding only the bundled air-conditioning slide (title, body, image).
mkdir -p "$WORK/slide"
cp -r content/images "$WORK/slide/"
python3 - content/schedule.toml "$WORK/slide/schedule.toml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
slides = text.split("[[slot]]")
slide = next(s for s in slides if "images/air-conditioning.png" in s)
open(sys.argv[2], "w", encoding="utf-8").write("[[slot]]" + slide)
PY
SLIDE="--content $WORK/slide"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== first presented frame (headless, software, 10 runs)"
for i in $(seq 10); do
  "$BIN" $CFG $SLIDE --headless --frames 1 --now $SLIDE_NOW 2>&1 | sed -n 's/.*first frame presented \([0-9]*\) ms.*/\1/p'
done | sort -n | awk '{a[NR]=$1} END {printf "   min %d ms, median %d ms, max %d ms\n", a[1], a[int((NR+1)/2)], a[NR]}'

echo "== text slide, 1920x1080 software, 300 frames (headless: every frame drawn)"
"$BIN" $CFG $SLIDE --headless --frames 300 --now $SLIDE_NOW --trace "$WORK/slide.jsonl" >/dev/null 2>&1
python3 - "$WORK/slide.jsonl" <<'PY'
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])][-1]
print(f"   frame p50 {e['frame_ms_p50']:.2f} ms, p99 {e['frame_ms_p99']:.2f} ms, RSS after 300 frames {e['rss_mb']:.1f} MB")
PY

echo "== crossfade: 3 s welcome, then a 5 s crossfade to the slide (150 of 240 frames blend two scenes)"
mkdir -p "$WORK/fade"
cp -r content/images "$WORK/fade/"
{ printf '[rotation]\ntransition_ms = 5000\n[[slot]]\nscene = "welcome"\nduration_s = 3\n'; cat "$WORK/slide/schedule.toml"; } > "$WORK/fade/schedule.toml"
"$BIN" $CFG --content "$WORK/fade" --headless --frames 240 --now $SLIDE_NOW --trace "$WORK/fade.jsonl" >/dev/null 2>&1
python3 - "$WORK/fade.jsonl" <<'PY'
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])][-1]
print(f"   frame p50 {e['frame_ms_p50']:.2f} ms, p99 {e['frame_ms_p99']:.2f} ms")
PY

if command -v Xvfb >/dev/null; then
  echo "== static slide in a real 1920x1080 window under Xvfb: CPU over 10 s"
  for n in $(seq 170 200); do [[ -e /tmp/.X11-unix/X$n ]] || { D=$n; break; }; done
  Xvfb ":$D" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  for _ in $(seq 100); do [[ -e /tmp/.X11-unix/X$D ]] && break; sleep 0.05; done
  DISPLAY=":$D" "$BIN" $CFG $SLIDE --windowed 1920x1080 --renderer software --now $SLIDE_NOW >/dev/null 2>&1 &
  PID=$!
  sleep 3  # past start-up and the first frames
  read -r u0 s0 < <(awk '{print $14, $15}' /proc/$PID/stat)
  sleep 10
  read -r u1 s1 < <(awk '{print $14, $15}' /proc/$PID/stat)
  rss=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
  hz=$(getconf CLK_TCK)
  python3 -c "print(f'   CPU {(($u1+$s1)-($u0+$s0))/$hz/10*100:.2f} % of one core, RSS {$rss/1024:.1f} MB')"
  kill $PID
fi
