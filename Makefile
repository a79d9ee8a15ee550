# The two set-up commands of the README are `make run` and `make test`.
# Each first runs scripts/bootstrap.sh, which installs only what is missing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
CHROMEDRIVER = $(shell command -v chromedriver)

.PHONY: setup run build test lint test-native test-browser test-served

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
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test --workspace --exclude served-tests

test-browser:
	wasm-pack test --headless --chrome --chromedriver "$(CHROMEDRIVER)"

test-served:
	trunk build --release
	cargo test -p served-tests
