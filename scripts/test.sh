#!/usr/bin/env bash
# Runs every test layer, records how long each took in
# target/test-timings.txt, and ends with one summary line over all layers:
# "N passed, N failed" (with ", N skipped" for ignored tests).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
timings=target/test-timings.txt
output=target/test-output.txt
: > "$timings"
: > "$output"
# A batch run gains nothing from incremental caches, which would double what
# the build writes to disk.
export CARGO_INCREMENTAL=0

layer() { # name, make target
  local start=$SECONDS
  echo "== layer: $1 ($(df -h --output=avail . | tail -n1 | tr -d ' ') of disk free)"
  make --no-print-directory "$2" 2>&1 | tee -a "$output"
  echo "$1: $((SECONDS - start)) s" >> "$timings"
}

layer lint lint
layer native test-native
layer browser test-browser
layer served test-served
echo "== timings: $(paste -sd ';' "$timings")"
# Each test binary (cargo and wasm-bindgen-test alike) prints one
# "test result: ok. N passed; N failed; N ignored; ..." line; node's test
# runner (the icon pack's build) "# pass N", "# fail N" and "# skipped N".
awk '/^# pass [0-9]+$/ { passed += $3 }
     /^# fail [0-9]+$/ { failed += $3 }
     /^# skipped [0-9]+$/ { ignored += $3 }
     /test result:/ {
       for (i = 1; i <= NF; i++) {
         if ($(i+1) ~ /^passed/) passed += $i
         if ($(i+1) ~ /^failed/) failed += $i
         if ($(i+1) ~ /^ignored/) ignored += $i
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", passed, failed, ignored }' "$output"
