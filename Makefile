# The two set-up commands of the README are `make run` and `make test`.
# Each first runs scripts/bootstrap.sh, which installs only what is missing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
CHROMEDRIVER = $(shell command -v chromedriver)

.PHONY: setup run build test lint test-native test-browser test-served fuzz bench

setup:
	@scripts/bootstrap.sh

## Builds and serves the app at http://127.0.0.1:8080, rebuilding on change.
run: setup
	trunk serve

## The release build, as shipped: dist/.
build: setup
	trunk build --release

## Every test layer, in order: lint, native, browser, served build.
test: setup
	@scripts/test.sh

lint:
	scripts/check-layers.sh
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --features i18n/compile -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features split --bin softtoken -- -D warnings

test-native:
	cargo test --workspace --exclude served-tests --features i18n/compile
	node --test scripts/icon-pack.test.mjs

test-browser:
	wasm-pack test --headless --chrome --chromedriver "$(CHROMEDRIVER)"

test-served:
	trunk build --release
	scripts/build-next-schema.sh
	cargo build -p selfservice
	cargo test -p served-tests

## Fuzzes each parser of untrusted bytes (FUZZ_SECONDS each, default 150)
## with cargo-fuzz. No nightly toolchain can be fetched here, so the stable
## one runs with RUSTC_BOOTSTRAP=1 for cargo-fuzz's -Z flags (sanitizers).
## New corpus entries land in fuzz/corpus and are replayed by the native
## tests (crates/{otp,vault,qr}/tests/fuzz_regressions.rs).
FUZZ_SECONDS ?= 150
FUZZ_TARGETS = base32 otpauth activation_codes igmobileotp_link migration aegis_backup sealed_vault document qr_pixels ocra transaction_link import
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
	cd fuzz && export RUSTC_BOOTSTRAP=1 && for target in $(FUZZ_TARGETS); do \
	  cargo fuzz run $$target -- -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 2>&1 | grep -E 'stat::number_of_executed_units|Done|SUMMARY|panicked' | sed "s/^/$$target: /"; \
	  cargo fuzz cmin $$target >/dev/null 2>&1; \
	done

## Saves a screenshot of every screen, phone and desktop, light and dark,
## into target/screenshots (not a test: pictures for a person to look at).
screenshots: setup
	@dpkg -s fonts-noto-cjk >/dev/null 2>&1 || { echo "installing a Japanese font for the screenshots"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null; }
	trunk build --release
	cargo test -p served-tests --test screenshots --test screenshots_moving --test screenshots_list --test screenshots_languages -- --ignored --nocapture

## Measures what users feel (issue 9): sizes, cold start, unlock, 500
## identities, memory, our KDF against hash-wasm, Lighthouse 12.2.3. Prints a
## table, writes target/bench/report.json, fails when a budget is broken.
## BENCH_RUNS (default 10) runs each (the engines part at most 5);
## BENCH_ONLY=cold,many,engines,kdf,lighthouse
## runs only those parts. Not part of `make test`.
bench: setup
	@cd bench && lock_sum=$$(sha256sum package-lock.json | cut -d' ' -f1) && \
	  if [ "$$(cat node_modules/.softtoken-lock 2>/dev/null)" != "$$lock_sum" ]; then \
	    npm ci --no-audit --no-fund --loglevel=error && echo "$$lock_sum" > node_modules/.softtoken-lock; fi
	trunk build --release
	cargo build -q -p selfservice
	cargo run -q -p served-tests --bin bench
