#!/usr/bin/env bash
# Runs every test layer and records how long each took in
# target/test-timings.txt. Output ends with cargo's own `test result:` lines.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
timings=target/test-timings.txt
: > "$timings"

layer() { # name, make target
  local start=$SECONDS
  echo "== layer: $1"
  make --no-print-directory "$2"
  echo "$1: $((SECONDS - start)) s" >> "$timings"
}

layer lint lint
layer native test-native
layer browser test-browser
echo "== timings so far: $(paste -sd ';' "$timings")"
layer served test-served
