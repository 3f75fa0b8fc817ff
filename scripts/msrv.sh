#!/usr/bin/env bash
# The minimum supported Rust version holds: installs the toolchain of `rust-version` in Cargo.toml (the one
# place it is written; rustup, minimal profile: no docs, no rustfmt, no clippy) and checks the whole
# workspace with it, tests and benches included. CI runs it (.ci/run); `make msrv` runs it by hand.
# Its own target dir: an older compiler cannot reuse the newer one's build, and would trash it.
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml)"
if [ -z "$version" ]; then
  echo "msrv: no rust-version in Cargo.toml's [workspace.package]" >&2
  exit 1
fi
if ! command -v rustup >/dev/null; then
  echo "msrv: needs rustup, to install Rust $version" >&2
  exit 1
fi
echo "msrv: Rust $version (rust-version in Cargo.toml): installing it if missing, then cargo check on the workspace"
rustup toolchain install "$version" --profile minimal --no-self-update
cargo "+$version" check --workspace --all-targets --locked --target-dir target/msrv
echo "msrv: the workspace builds with Rust $version"
