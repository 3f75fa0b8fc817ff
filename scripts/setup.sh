#!/usr/bin/env bash
# Installs what building and testing Regiewijzer needs, idempotently: quick when everything is there.
#   - a Rust compiler that can build for wasm32 (rustup's target if present; else Debian's rustc-web with
#     the standard library source, built with -Zbuild-std; see shared/toolchain.md),
#   - wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock,
#   - cargo-about at a pinned version (the licence notices of the wasm bundles),
#   - wasm-opt (binaryen), Chromium and chromedriver (Debian packages),
#   - the independent FHIR R4 validator of the tests (fhir.resources, pinned with hashes in
#     scripts/fhir-requirements.txt) in a Python venv, target/fhir-venv,
#   - the npm dev dependencies of the browser tests (npm ci, from package-lock.json), and those of the
#     framework test apps (tests/frameworks/package-lock.json) and of the bundler test apps
#     (tests/bundlers/package-lock.json).
# It writes target/setup.env with the wasm build route for scripts/build-wasm.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# --- Debian packages -------------------------------------------------------------------------------
need_pkgs=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

rustup_wasm=0
libdir="$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null || true)"
if [ -n "$libdir" ] && ls "$libdir"/libstd-*.rlib >/dev/null 2>&1; then
  rustup_wasm=1
  say "wasm32 standard library from rustup found"
else
  for p in rustc-web cargo-web rust-web-src lld-22; do have_pkg "$p" || need_pkgs+=("$p"); done
fi
for p in binaryen chromium chromium-driver; do have_pkg "$p" || need_pkgs+=("$p"); done
# Python with venv, for the FHIR validator below (Debian splits venv off into its own package).
python3 -c 'import ensurepip, venv' 2>/dev/null || need_pkgs+=(python3 python3-venv)

if [ "${#need_pkgs[@]}" -gt 0 ]; then
  say "installing Debian packages: ${need_pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}"
else
  say "Debian packages present"
fi

mkdir -p target
if [ "$rustup_wasm" -eq 1 ]; then
  printf 'WASM_ROUTE=rustup\n' > target/setup.env
else
  if ! /usr/bin/rustc --version >/dev/null 2>&1; then
    say "error: /usr/bin/rustc (rustc-web) is missing after installing it" >&2
    exit 1
  fi
  printf 'WASM_ROUTE=debian\n' > target/setup.env
fi

# --- wasm-bindgen-cli, pinned to the crate version ---------------------------------------------------
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$want" ]; then
  say "error: no wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none}); this takes a few minutes once"
  # No --locked: a locked dependency version is missing from this registry mirror (shared/toolchain.md).
  cargo install -q wasm-bindgen-cli --version "$want"
else
  say "wasm-bindgen-cli $want present"
fi

# --- cargo-about, pinned: THIRD-PARTY-NOTICES.md (scripts/notices.sh; make lint checks it) ----------------
# --locked: the versions cargo-about was released with. Its `cli` feature is the command itself.
about_want=0.9.3
about_have="$(cargo about --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$about_have" != "$about_want" ]; then
  say "installing cargo-about $about_want (have: ${about_have:-none}); once: about 220 crates, some 6 minutes of CPU time"
  cargo install -q --locked --features cli cargo-about --version "$about_want"
else
  say "cargo-about $about_want present"
fi
# --- the FHIR R4 validator (tests/fhir.test.mjs) ------------------------------------------------------
# A venv of its own with exactly the pinned files (--no-deps --require-hashes), redone only when the
# requirements change: a few seconds once, nothing after.
fhir_venv() {
  local dir=target/fhir-venv stamp req_sum
  stamp="$dir/.requirements.sha256"
  req_sum="$(sha256sum scripts/fhir-requirements.txt | awk '{print $1}')"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$req_sum" ]; then
    say "FHIR validator present"
    return
  fi
  say "installing the FHIR R4 validator (fhir.resources) into $dir"
  rm -rf "$dir"
  local pip_args=(install -q --disable-pip-version-check --no-deps --require-hashes -r scripts/fhir-requirements.txt)
  if python3 -m pip --python "$(command -v python3)" --version >/dev/null 2>&1; then
    # The system's pip installs into a venv without one of its own (pip >= 22.3): half the time.
    python3 -m venv --without-pip "$dir"
    python3 -m pip --python "$dir/bin/python" "${pip_args[@]}"
  else
    python3 -m venv "$dir"
    "$dir/bin/pip" "${pip_args[@]}"
  fi
  printf '%s' "$req_sum" > "$stamp"
}
fhir_venv

# --- npm dev dependencies ---------------------------------------------------------------------------
# npm_ci DIR WHAT: `npm ci` in DIR unless its node_modules was installed from the same lockfile.
npm_ci() {
  local dir="$1" what="$2" stamp lock_sum
  stamp="$dir/node_modules/.package-lock.sha256"
  lock_sum="$(sha256sum "$dir/package-lock.json" | awk '{print $1}')"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
    say "installing $what (npm ci in $dir)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    printf '%s' "$lock_sum" > "$stamp"
  else
    say "$what present"
  fi
}
npm_ci . "npm dev dependencies"
# The framework apps of tests/frameworks.test.mjs (React, Vue, Svelte, Angular and their build tools): a
# lockfile of their own, so that the other tests' dependencies stay small. About a minute on a fresh machine.
npm_ci tests/frameworks "the framework test apps' packages"
# The bundler test apps of tests/bundlers.test.mjs (vite, webpack, esbuild, Rollup), the typings' check
# (TypeScript, React's, Vue's and Svelte's types) and the custom-elements.json generator.
npm_ci tests/bundlers "the bundler test apps' packages"
say "done"
