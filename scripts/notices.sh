#!/usr/bin/env bash
# THIRD-PARTY-NOTICES.md: the licences of the code by others compiled into the two wasm bundles, made by
# cargo-about (installed by scripts/setup.sh) from scripts/notices/about.toml and notices.md.hbs.
#   scripts/notices.sh          writes it;
#   scripts/notices.sh --check  makes it again and fails on any difference (make lint), so a dependency
#                               added, removed or updated without new notices fails the build.
# The crates are those of regiewijzer-wasm for wasm32 with both bundles' features (engine: the widget,
# api: the rules compiler), read offline from Cargo.lock (--frozen): nothing is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."

out=THIRD-PARTY-NOTICES.md
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
cargo about generate --frozen --fail -c scripts/notices/about.toml \
  -m crates/regiewijzer-wasm/Cargo.toml --no-default-features --features "engine api" \
  -o "$tmp" scripts/notices/notices.md.hbs

if [ "${1:-}" = "--check" ]; then
  if ! cmp -s "$out" "$tmp"; then
    diff -u "$out" "$tmp" | head -40 || true
    echo "notices: $out is not what cargo-about makes from the dependencies now; run scripts/notices.sh and commit it" >&2
    exit 1
  fi
  echo "notices: $out is up to date"
else
  cp "$tmp" "$out"
  echo "notices: wrote $out"
fi
