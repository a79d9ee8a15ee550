#!/usr/bin/env bash
# Installs every tool the build and the tests need, each only when it is
# missing or at the wrong version, so a second run takes seconds.
# Versions are read from one place each: wasm-bindgen from Cargo.toml (the CLI
# must equal the library), the rest from the constants below.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "bootstrap: cannot read the wasm-bindgen pin from Cargo.toml" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"
log() { printf '== bootstrap: %s\n' "$*"; }

has_version() { # command, expected version: true when `command --version` prints it
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

# rust-toolchain.toml pins the toolchain by version. Where rustup knows the
# installed toolchain only as "stable" and it is that version, give it the
# pinned name too, as this machine kind's own setup does (a link in rustup's
# toolchains folder: `rustup toolchain link` refuses release-style names).
# These rustup calls run with RUSTUP_TOOLCHAIN so the pin cannot stop them.
PINNED=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
HOST=$(RUSTUP_TOOLCHAIN=stable rustc -vV | sed -n 's/^host: //p')
if ! RUSTUP_TOOLCHAIN=stable rustup toolchain list | grep -q "^$PINNED-"; then
  stable_version=$(RUSTUP_TOOLCHAIN=stable rustc --version | cut -d' ' -f2)
  if [ "$stable_version" = "$PINNED" ]; then
    log "naming the installed stable toolchain $PINNED"
    toolchains="${RUSTUP_HOME:-$HOME/.rustup}/toolchains"
    ln -sfn "$toolchains/stable-$HOST" "$toolchains/$PINNED-$HOST"
  else
    log "installing Rust $PINNED"
    RUSTUP_TOOLCHAIN=stable rustup toolchain install "$PINNED" --profile minimal -c clippy -c rustfmt
  fi
fi
if ! rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null | xargs -I{} test -d {}; then
  log "adding the wasm32-unknown-unknown target"
  # A linked toolchain cannot take targets: add it to the one it links to.
  rustup target add --toolchain "$PINNED" wasm32-unknown-unknown 2>/dev/null \
    || RUSTUP_TOOLCHAIN=stable rustup target add wasm32-unknown-unknown
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing Chromium and ChromeDriver from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
  apt-get clean # the downloaded packages: about 100 MB the tests never read
fi
# Firefox ESR and WebKitGTK (the engine of Safari and of every iPhone
# browser) for the served tests in the other engines: Firefox's WebDriver
# server, geckodriver, is a published crate (built below); WebKitGTK's is
# Debian's webkit2gtk-driver, and its MiniBrowser runs under Xvfb.
if ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null \
  || ! command -v Xvfb >/dev/null; then
  log "installing Firefox ESR, WebKitGTK's WebDriver and Xvfb from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends firefox-esr webkit2gtk-driver xvfb >/dev/null
  apt-get clean
fi

if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # --locked fails: a dependency locked upstream is no longer on the registry.
  cargo install --force wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi
if ! has_version trunk "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 9 minutes)"
  cargo install --locked --force trunk --version "=$TRUNK_VERSION"
fi
if ! has_version wasm-pack "$WASM_PACK_VERSION"; then
  log "installing wasm-pack $WASM_PACK_VERSION"
  cargo install --locked --force wasm-pack --version "=$WASM_PACK_VERSION"
fi

if ! has_version geckodriver "$GECKODRIVER_VERSION"; then
  log "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes)"
  cargo install --locked --force geckodriver --version "=$GECKODRIVER_VERSION"
fi

# The WASM splitter (scripts/split-wasm.mjs) prints no version: ask cargo.
if ! cargo install --list | grep -qF "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes)"
  cargo install --locked --force wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary
fi

# npm tools (binaryen's wasm-opt: Debian's is too old for this wasm-bindgen).
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.softtoken-lock 2>/dev/null)" != "$lock_sum" ]; then
  log "installing npm tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.softtoken-lock
fi
# Python's cryptography package: the backup test decrypts an export with
# it, as an implementation independent of this project's Rust.
CRYPTOGRAPHY_VERSION=48.0.0
if ! python3 -c 'import cryptography' 2>/dev/null; then
  log "installing Python cryptography $CRYPTOGRAPHY_VERSION"
  python3 -m pip install --quiet --disable-pip-version-check "cryptography==$CRYPTOGRAPHY_VERSION" \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "cryptography==$CRYPTOGRAPHY_VERSION"
fi

log "tools ready"
