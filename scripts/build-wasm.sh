#!/usr/bin/env bash
# Builds the two wasm bundles: pkg/ (the <regie-wijzer> widget: what an embedding page downloads) and
# pkg/core/ (the rules-core API: Ruleset, check; for the playground and hosts with their own UI).
# cargo (route from target/setup.env), wasm-opt -Oz, wasm-bindgen (--target web); then prints the sizes
# and fails when the widget (wasm + JS + CSS, gzip) is over its budget (scripts/bundle-size.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
. target/setup.env

crate=regiewijzer_wasm

# build FEATURES OUT_DIR OPT NAME: OPT is the rustc opt-level and the wasm-opt level (z: smallest, 3:
# fastest); NAME the files' name (NAME.js, NAME_bg.wasm). The two bundles have different names, so that a
# bundler that copies both wasm files into one folder (Angular's, esbuild's) keeps them apart.
build() {
  local features="$1" outdir="$2" level="$3" name="$4" out
  if [ "$WASM_ROUTE" = "rustup" ]; then
    out=target/wasm-$level/wasm32-unknown-unknown/release/$crate.wasm
    CARGO_PROFILE_RELEASE_OPT_LEVEL=$level cargo build -q --release --target wasm32-unknown-unknown \
      -p regiewijzer-wasm --no-default-features --features "$features" --target-dir "target/wasm-$level"
  else
    # Its own target dir (one per level): the flags would otherwise rebuild std and the crates on every switch.
    out=target/wasm-$level/wasm32-unknown-unknown/release/$crate.wasm
    # Building std ourselves also lets us drop what the bundle never needs: panic messages and locations,
    # Debug formatting. (RUSTC_BOOTSTRAP: these are unstable flags of this rustc.)
    RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc CARGO_PROFILE_RELEASE_OPT_LEVEL=$level \
      RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort" \
      cargo build -q --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort \
      -p regiewijzer-wasm --no-default-features --features "$features" --target-dir "target/wasm-$level"
  fi
  # Shrink first, then generate the bindings: wasm-opt 108 mangles the externref table that wasm-bindgen
  # adds (the page then fails with "WebAssembly.Table.set(): Argument 1 is invalid for table").
  local opt=target/${crate}.${features/,/-}.opt.wasm converge=()
  # For size, wasm-opt runs its passes until nothing shrinks any more (measured: -439 bytes gzip), and
  # may fold small constant offsets into loads and stores (--low-memory-unused: it assumes no pointer
  # wraps around into the lowest 1 KiB, which Rust's pointers never do; measured: -645 bytes gzip).
  [ "$level" = z ] && converge=(--converge --low-memory-unused)
  wasm-opt "-O$level" "${converge[@]}" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue "$out" -o "$opt"
  mkdir -p "$outdir"
  wasm-bindgen --target web --remove-name-section --remove-producers-section \
    --out-dir "$outdir" --out-name "$name" "$opt"
  # The bindings of a bundle built for size are minified (esbuild, already a dev dependency: the
  # playground's bundler): their doc comments and long names are two thirds of the file (measured: glue
  # 4,489 -> 2,749 bytes gzip). The .d.ts keeps the documented types.
  if [ "$level" = z ]; then
    node_modules/.bin/esbuild --minify --format=esm --log-level=warning --allow-overwrite \
      "$outdir/$name.js" --outfile="$outdir/$name.js"
  fi
}

# The widget is what every embedding page downloads: built for size. The rules-core API (the compiler, the
# analysis, Session) is built for speed: 3x faster evaluation and analysis for 30 % more bytes, loaded only
# by the playground and by pages with their own rules (docs/performance.md has the figures).
# The widget bundle (feature `engine`): the rules `Engine` with the default rules embedded, no compiler, no
# DOM code (the element, www/regiewijzer.js, is the DOM layer).
build engine pkg z regiewijzer_wasm
rm -rf pkg/core
build api pkg/core 3 regiewijzer_core

# wasm-bindgen types each class's `[Symbol.dispose]()`, which needs TypeScript's `esnext.disposable` lib in
# every app that type-checks against the package (without skipLibCheck). The method stays in the JS (`using`
# works in JS); the types keep `free()`, which does the same.
sed -i '/\[Symbol\.dispose\]()/d' pkg/regiewijzer_wasm.d.ts pkg/core/regiewijzer_core.d.ts

# The npm package carries the element too: www/regiewijzer.js and its modules (www/element/) bundled into
# one minified module by esbuild (a dev dependency already, for the playground), with a source map that
# holds the readable source; its imports of the wasm bundles point next to it, in the literal
# `new URL("./…", import.meta.url)` and `import("./…")` forms that bundlers follow. The stylesheet's text
# (minified) is defined into it as `REGIEWIJZER_CSS`: the element adopts it without a request that a
# bundler would have to copy a file for, or a dev server could answer with something else.
css="$(node_modules/.bin/esbuild www/regiewijzer.css --minify --log-level=warning \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(JSON.stringify(s)))')"
node_modules/.bin/esbuild www/regiewijzer.js --bundle --minify --format=esm --legal-comments=none \
  --external:'../../pkg/*' --sourcemap --log-level=warning --outfile=pkg/regiewijzer.js "--define:REGIEWIJZER_CSS=$css"
sed -i 's#"\.\./\.\./pkg/#"./#g' pkg/regiewijzer.js
if grep -q 'pkg/\|regiewijzer\.css' pkg/regiewijzer.js; then
  echo "build-wasm: pkg/regiewijzer.js still names a path of the repository or the stylesheet's file" >&2
  exit 1
fi
rm -rf pkg/element
# <regie-casus> (www/regiewijzer-casus.js, www/casus/): a second entry, bundled the same way, that imports the
# element's bundle (`./regiewijzer.js`) as it is rather than carrying a second copy of it; its stylesheet
# (the picture's and its own, minified) defined into it as `REGIECASUS_CSS`.
casus_css="$(cat www/casus/picture.css www/regiewijzer-casus.css | node_modules/.bin/esbuild --loader=css --minify --log-level=warning \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(JSON.stringify(s)))')"
node_modules/.bin/esbuild www/regiewijzer-casus.js --bundle --minify --format=esm --legal-comments=none \
  --external:'../../pkg/*' --external:./regiewijzer.js --sourcemap --log-level=warning --outfile=pkg/regiewijzer-casus.js \
  "--define:REGIECASUS_CSS=$casus_css"
sed -i 's#"\.\./\.\./pkg/#"./#g' pkg/regiewijzer-casus.js
if grep -q 'pkg/\|\.css"' pkg/regiewijzer-casus.js || ! grep -q '^import"./regiewijzer.js"' pkg/regiewijzer-casus.js; then
  echo "build-wasm: pkg/regiewijzer-casus.js names a path of the repository, or does not import ./regiewijzer.js" >&2
  exit 1
fi
# For hosts that want the styles as a file (a print view, a page without the element), minified (comments
# and spaces were a third of the file's gzip: 3,131 -> 2,038 bytes); Chromium builds the same rules from both
# (tests/package.test.mjs). The element itself carries them in its bundle (REGIEWIJZER_CSS above).
node_modules/.bin/esbuild www/regiewijzer.css --minify --log-level=warning --outfile=pkg/regiewijzer.css
cp www/regiewijzer.d.ts pkg/regiewijzer.d.ts
cp www/regiewijzer-casus.d.ts pkg/regiewijzer-casus.d.ts
# The element's typings for React 19 JSX, Vue and Svelte (exports "./react", "./vue", "./svelte").
cp www/types/react.d.ts www/types/vue.d.ts www/types/svelte.d.ts pkg/
# The licence (EUPL-1.2, which goes with every copy), the notices of the code by others in the wasm
# (THIRD-PARTY-NOTICES.md, made by scripts/notices.sh and checked by make lint) and what changed.
cp LICENSE THIRD-PARTY-NOTICES.md CHANGELOG.md pkg/
# The JSON Schema of the value the element posts, for the receiving backend (docs/widget.md, "Value").
cp www/value.schema.json pkg/value.schema.json
# and of <regie-casus>'s value (the case with its log), which refers to the widget's.
cp www/casus.schema.json pkg/casus.schema.json

# What a page downloads, per piece, gzip and brotli; fails the build when the widget is over its budget.
node scripts/bundle-size.mjs
