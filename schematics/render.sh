#!/usr/bin/env bash
# Renders every schematics/*.json (netlistsvg netlists, analog skin) to the SVG beside it.
# Needs node/npm; installs netlistsvg into a temporary directory (nothing is left in the repo).
# Optional PNG previews for a look: PNG=1 schematics/render.sh (needs rsvg-convert, librsvg2-bin),
# written to the temporary directory and its path printed.
set -euo pipefail
cd "$(dirname "$0")"
NETLISTSVG_VERSION=1.0.2
tmp="$(mktemp -d)"
npm install --silent --prefix "$tmp" "netlistsvg@$NETLISTSVG_VERSION" >/dev/null
skin="$tmp/node_modules/netlistsvg/lib/analog.svg"
for source in *.json; do
  name="${source%.json}"
  "$tmp/node_modules/.bin/netlistsvg" "$source" --skin "$skin" -o "$name.svg"
  # netlistsvg sizes the drawing by its symbols, not by their labels: widen the canvas (there is no
  # viewBox, so nothing scales) so that labels on the right edge are not cut off.
  python3 - "$name.svg" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(r'width="([0-9.]+)"', lambda m: f'width="{float(m.group(1)) + 140:g}"', text, count=1)
open(path, "w", encoding="utf-8").write(text)
PY
  echo "rendered schematics/$name.svg"
  if [ "${PNG:-0}" = 1 ]; then
    rsvg-convert -b white -z 1.5 "$name.svg" -o "$tmp/$name.png"
    echo "  preview $tmp/$name.png"
  fi
done
[ "${PNG:-0}" = 1 ] || rm -rf "$tmp"
