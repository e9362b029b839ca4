#!/usr/bin/env bash
# Video benchmark: a 60 s 1080p30 H.264 clip played under one Xvfb (1920x1080) by EcoLobby as a
# video slot and, when installed, by `mpv` itself (--vo=x11) and Chromium (<video>, kiosk mode).
# Prints CPU of each process tree, RSS and PSS at the end, and frames presented or dropped.
# Prints figures; never fails on them.  Usage: scripts/bench-video.sh [build-dir] [seconds] [WxH]
# (WxH: the clip's and the screen's size, default 1920x1080; 3840x2160 for the 4K figures).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SECS=${2:-60}
SIZE=${3:-1920x1080}
BIN=$BUILD/kiosk/app/ecolobby
[[ -x $BIN ]] || { echo "build first: cmake --build $BUILD --target ecolobby" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/content/video" "$WORK/data"
CLIP=$WORK/content/video/bench.mp4
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=$SIZE:rate=30:duration=$SECS" \
  -c:v libx264 -profile:v high -preset veryfast -crf 21 -pix_fmt yuv420p -movflags +faststart "$CLIP"
# The slot lasts the clip: when it ends and starts over, the player logs its frame counts.
printf '[rotation]\ntransition_ms = 0\n[[slot]]\nscene = "video"\nfile = "video/bench.mp4"\n' > "$WORK/content/schedule.toml"
printf 'org_name = "bench"\ndata_dir = "%s"\n' "$WORK/data" > "$WORK/ecolobby.toml"

DISP=:$((90 + RANDOM % 100))
Xvfb $DISP -screen 0 ${SIZE}x24 -nolisten tcp >/dev/null 2>&1 &
sleep 1
export DISPLAY=$DISP

# CPU seconds (utime+stime, all threads) of a process and its children, RSS and PSS in MB.
tree_pids() { echo "$1"; for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree_pids "$c"; done; }
measure() {
  local pid=$1 name=$2 cpu=0 rss=0 pss=0
  for p in $(tree_pids "$pid"); do
    [[ -r /proc/$p/stat ]] || continue
    read -r ut st < <(awk '{print $14, $15}' /proc/"$p"/stat)
    cpu=$((cpu + ut + st))
    rss=$((rss + $(awk '/^VmRSS/ {print $2}' /proc/"$p"/status)))
    pss=$((pss + $(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)))
  done
  local hz; hz=$(getconf CLK_TCK)
  awk -v c=$cpu -v hz=$hz -v s=$SECS -v r=$rss -v p=$pss -v n="$name" \
    'BEGIN {printf "   %-10s CPU %5.1f %% of one core · RSS %6.1f MB · PSS %6.1f MB\n", n, 100 * c / hz / s, r / 1024, p / 1024}'
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); clip ${SECS} s ${SIZE} 30 fps H.264"
"$BIN" --config "$WORK/ecolobby.toml" --content "$WORK/content" --windowed $SIZE >"$WORK/eco.log" 2>&1 &
ECO=$!
sleep "$SECS"
measure $ECO ecolobby
for _ in $(seq 50); do grep -q "video 'video/bench.mp4'" "$WORK/eco.log" && break; sleep 0.2; done
kill -TERM $ECO; wait $ECO || true
echo "   ecolobby  $(grep -o "video 'video/bench.mp4'.*" "$WORK/eco.log" | head -1 || echo 'no frame counts logged')"
frames=$(sed -n 's/.*frames \([0-9]*\) ·.*/\1/p' "$WORK/eco.log" | tail -1)
echo "   ecolobby  frames presented: ${frames:-?} of $((SECS * 30)) video frames ($(grep -c 'slow frame' "$WORK/eco.log" || true) slow frames logged; $(grep -o 'display: [a-z]* renderer' "$WORK/eco.log" | head -1 | cut -d' ' -f2) renderer)"

if command -v mpv >/dev/null; then
  mpv --no-config --vo=x11 --ao=null --hwdec=auto-copy-safe --fs --no-terminal --length="$SECS" "$CLIP" \
    --input-ipc-server="$WORK/mpv.sock" --log-file="$WORK/mpv.log" &
  MPV=$!
  sleep "$((SECS - 1))"
  measure $MPV mpv
  # mpv's own counts, asked over its IPC socket while it still plays.
  drops=$(python3 - "$WORK/mpv.sock" <<'PY'
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(sys.argv[1])
except OSError:
    print("not reported (no IPC socket)")
    sys.exit()
out = []
for n, prop in enumerate(["decoder-frame-drop-count", "frame-drop-count"]):
    s.sendall((json.dumps({"command": ["get_property", prop], "request_id": n}) + "\n").encode())
buf = b""
while buf.count(b"request_id") < 2:
    chunk = s.recv(4096)
    if not chunk:
        break
    buf += chunk
for line in buf.decode().splitlines():
    m = json.loads(line)
    if "request_id" in m:
        out.append(f"{['decoder', 'late'][m['request_id']]} {m.get('data')}")
print(", ".join(out))
PY
)
  wait $MPV || true
  echo "   mpv       dropped frames: $drops"
else
  echo "   mpv: not installed (apt-get install mpv) — skipped"
fi
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [[ -n $CHROME ]]; then
  printf '<body style="margin:0;background:#000"><video src="%s" autoplay muted style="width:100vw;height:100vh"></video>' "$CLIP" > "$WORK/v.html"
  # Chromium refuses to run as root without --no-sandbox (this machine's CI user is root).
  sandbox=(); [[ $(id -u) == 0 ]] && sandbox=(--no-sandbox)
  "$CHROME" "${sandbox[@]}" --kiosk --no-first-run --user-data-dir="$WORK/chrome" --autoplay-policy=no-user-gesture-required \
    "file://$WORK/v.html" >"$WORK/chrome.log" 2>&1 &
  CH=$!
  sleep "$SECS"
  if kill -0 $CH 2>/dev/null; then measure $CH chromium; else echo "   chromium exited early: $(tail -1 "$WORK/chrome.log")"; fi
  kill $CH 2>/dev/null || true
else
  echo "   chromium: not installed — skipped"
fi
