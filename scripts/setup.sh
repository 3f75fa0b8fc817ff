#!/usr/bin/env bash
# Installs what a make target needs, idempotently: quick (well under a second) when it is there already.
#   scripts/setup.sh [PART...]    the parts named (the Makefile's setup-PART targets); none: every part.
# The parts, and the make targets that need them:
#   rust       rustfmt and clippy beside cargo (rustup components)            make check, lint, test-rust
#   wasm       the wasm32 compiler, wasm-bindgen-cli, wasm-opt               make wasm (demo, dist, test)
#   npm        the npm dev dependencies (esbuild, CodeMirror, playwright-core, axe)  wasm, playground, tests
#   chromium   Debian's Chromium, for the browser tests and the start-up bench     make test-browser, bench
#   test-apps  the framework and bundler test apps' packages (npm ci)         make test-browser
#   notices    cargo-about, pinned: the licence notices of the wasm bundles   make lint, notices
#   fhir       the independent FHIR R4 validator in a Python venv             make test-browser (fhir test)
# The wasm32 compiler: rustup's wasm32 target if present, else Debian's rustc-web with the standard library
# source, built with -Zbuild-std (CONTRIBUTING.md). The wasm part writes target/setup.env with that
# route for scripts/build-wasm.sh. Debian packages come first, in one apt-get run for all the parts asked.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL=(rust wasm npm chromium test-apps notices fhir)
say() { printf 'setup: %s\n' "$*"; }

parts=("$@")
[ "${#parts[@]}" -eq 0 ] && parts=("${ALL[@]}")
for p in "${parts[@]}"; do
  case " ${ALL[*]} " in *" $p "*) ;; *) say "error: no part '$p' (parts: ${ALL[*]})" >&2; exit 2 ;; esac
done
wants() { case " ${parts[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# --- Debian packages, of every part asked ------------------------------------------------------------
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
rustup_wasm() {
  local libdir
  libdir="$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null || true)"
  [ -n "$libdir" ] && ls "$libdir"/libstd-*.rlib >/dev/null 2>&1
}
need_pkgs=()
need() { for p in "$@"; do have_pkg "$p" || need_pkgs+=("$p"); done; }
if wants wasm; then
  rustup_wasm || need rustc-web cargo-web rust-web-src lld-22
  need binaryen
fi
wants chromium && need chromium
# Python with venv (Debian splits venv off into its own package).
if wants fhir && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then need_pkgs+=(python3 python3-venv); fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  say "installing Debian packages: ${need_pkgs[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}"
fi

# --- rust: rustfmt and clippy --------------------------------------------------------------------------
setup_rust() {
  say "rust: rustfmt and clippy beside cargo, for make check and make lint"
  command -v cargo >/dev/null || { say "error: no cargo on PATH; install Rust from https://rustup.rs" >&2; exit 1; }
  local missing=()
  cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
  [ "${#missing[@]}" -eq 0 ] && return
  if ! command -v rustup >/dev/null; then
    say "error: cargo has no ${missing[*]}; install them with your Rust (rustup: rustup component add ${missing[*]})" >&2
    exit 1
  fi
  say "installing ${missing[*]} (rustup component add)"
  rustup component add "${missing[@]}"
}

# --- wasm: the wasm32 compiler route, wasm-bindgen-cli pinned to the crate version, wasm-opt ----------
setup_wasm() {
  say "wasm: the wasm32 compiler, wasm-bindgen-cli and wasm-opt, to build the wasm bundles (make wasm)"
  mkdir -p target
  if rustup_wasm; then
    printf 'WASM_ROUTE=rustup\n' > target/setup.env
  elif /usr/bin/rustc --version >/dev/null 2>&1; then
    printf 'WASM_ROUTE=debian\n' > target/setup.env
  else
    say "error: no wasm32 standard library from rustup and no /usr/bin/rustc (rustc-web)" >&2
    exit 1
  fi
  local want have
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
  if [ -z "$want" ]; then
    say "error: no wasm-bindgen version in Cargo.lock" >&2
    exit 1
  fi
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (have: ${have:-none}); this takes a few minutes once"
    # No --locked: a locked dependency version is missing from this registry mirror (CONTRIBUTING.md).
    cargo install -q wasm-bindgen-cli --version "$want"
  fi
}

# --- notices: cargo-about, pinned: THIRD-PARTY-NOTICES.md (scripts/notices.sh; make lint checks it) ----
setup_notices() {
  say "notices: cargo-about, to make and check the licence notices of the wasm bundles (make lint)"
  # --locked: the versions cargo-about was released with. Its `cli` feature is the command itself.
  local want=0.9.3 have
  have="$(cargo about --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    say "installing cargo-about $want (have: ${have:-none}); once: about 220 crates, some 6 minutes of CPU time"
    cargo install -q --locked --features cli cargo-about --version "$want"
  fi
}

# --- fhir: the FHIR R4 validator (tests/fhir.test.mjs) -----------------------------------------------
# A venv of its own with exactly the pinned files (--no-deps --require-hashes), redone only when the
# requirements change: a few seconds once, nothing after.
setup_fhir() {
  say "fhir: the independent FHIR R4 validator (fhir.resources) in target/fhir-venv, for tests/fhir.test.mjs"
  local dir=target/fhir-venv stamp req_sum
  stamp="$dir/.requirements.sha256"
  req_sum="$(sha256sum scripts/fhir-requirements.txt | awk '{print $1}')"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$req_sum" ] && return
  say "installing the FHIR R4 validator into $dir"
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

# --- npm dev dependencies ------------------------------------------------------------------------------
# npm_ci DIR WHAT: `npm ci` in DIR unless its node_modules was installed from the same lockfile.
npm_ci() {
  local dir="$1" what="$2" stamp lock_sum
  stamp="$dir/node_modules/.package-lock.sha256"
  lock_sum="$(sha256sum "$dir/package-lock.json" | awk '{print $1}')"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] && return
  say "installing $what (npm ci in $dir)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  printf '%s' "$lock_sum" > "$stamp"
}
setup_npm() {
  say "npm: the dev dependencies (esbuild, CodeMirror, playwright-core, axe), for the bundles, the playground and the browser tests"
  npm_ci . "the npm dev dependencies"
}
setup_chromium() {
  say "chromium: Debian's Chromium at /usr/bin/chromium, for the browser tests"
}
setup_test_apps() {
  say "test-apps: the framework and bundler test apps' packages, for tests/frameworks.test.mjs and tests/bundlers.test.mjs"
  # React, Vue, Svelte, Angular and their build tools: a lockfile of their own, so that the other tests'
  # dependencies stay small. About a minute on a fresh machine.
  npm_ci tests/frameworks "the framework test apps' packages"
  # vite, webpack, esbuild, Rollup, the typings' check (TypeScript, React's, Vue's and Svelte's types) and
  # the custom-elements.json generator.
  npm_ci tests/bundlers "the bundler test apps' packages"
}

for p in "${parts[@]}"; do "setup_${p//-/_}"; done
