#!/usr/bin/env bash
# Builds "the next release" for the served upgrade test (issue 18) into
# target/dist-next-schema: this build with the `next-schema` feature, which
# adds one database schema step and one document step, and a marker
# (<meta name="softtoken-test-build" content="next-schema">) so the test can
# tell which build a tab runs. Never shipped. Trunk resolves the page's
# assets from the page's own folder, so the generated page sits beside
# index.html (and is ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
page=next-schema.html
sed -e 's/data-cargo-features="split"/data-cargo-features="split,next-schema"/' \
    -e 's#<title>#<meta name="softtoken-test-build" content="next-schema" />\n    <title>#' \
    index.html > "$page"
grep -q 'split,next-schema' "$page" || { echo "build-next-schema: index.html no longer names the app's features" >&2; exit 1; }
trunk build --release --dist target/dist-next-schema "$page"
