#!/bin/sh
# Regenerates assets/*.png from art/*.svg (the kiosk reads only the PNGs).
# 320 px: a PNG is decoded inside the frame that first draws it, within the plugin's CPU budget
# (5 ms, twice that tolerated for host calls): on a loaded test VM a 512 px PNG took ~7 ms, 384 px ~4.5 ms,
# 320 px ~3 ms; the flat icons scale up to the 400-460 px the game draws them at without losing shape.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
command -v rsvg-convert >/dev/null || { echo "make-pngs.sh: rsvg-convert not found (apt-get install librsvg2-bin)" >&2; exit 1; }
for svg in "$here"/art/*.svg; do
  name=$(basename "$svg" .svg)
  rsvg-convert -w 320 -h 320 "$svg" -o "$here/assets/$name.png"
done
echo "make-pngs.sh: $(ls "$here"/art/*.svg | wc -l) pictures in $here/assets"
