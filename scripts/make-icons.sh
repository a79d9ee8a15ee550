#!/usr/bin/env bash
# Renders the PNG icons of the web app manifest from the SVGs in public/,
# with the headless Chromium the tests use. The PNGs are committed (the build
# only copies them); run this again after changing an SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() { # svg size out
  local svg=$1 size=$2 out=$3
  cat >"$work/page.html" <<HTML
<!doctype html><html><head><style>html,body{margin:0;background:transparent}
img{display:block;width:${size}px;height:${size}px}</style></head>
<body><img src="file://$PWD/public/$svg"></body></html>
HTML
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --disable-background-networking --disable-component-update --no-first-run \
    --user-data-dir="$work/profile" --default-background-color=00000000 \
    --window-size="$size,$size" --screenshot="$PWD/public/$out" \
    "file://$work/page.html" >/dev/null 2>&1
  echo "public/$out: $(stat -c %s "public/$out") bytes"
}

render icon.svg 192 icon-192.png
render icon.svg 512 icon-512.png
render icon-maskable.svg 512 icon-maskable-512.png
# iOS puts its own rounded mask on an opaque square.
render icon-maskable.svg 180 apple-touch-icon.png
