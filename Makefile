# Regiewijzer: `make demo` and `make test` are the two commands a fresh machine needs.
# `make check` is the quick tier: fmt, clippy and the Rust tests; it needs only Rust (cargo, rustfmt, clippy),
# no browser, no wasm toolchain, no npm, no apt. CONTRIBUTING.md says what each target needs.
SHELL := /bin/bash
SETUP_PARTS := rust wasm npm chromium test-apps notices fhir
.PHONY: setup $(addprefix setup-,$(SETUP_PARTS)) check test demo wasm dist notices playground bench fuzz fmt \
  clean test-rust test-rules test-browser lint lint-rust msrv

RULESETS := $(filter-out %.tests.regels,$(wildcard rulesets/*.regels))
PORT ?= 8377

# Everything every target needs, in one go (one apt-get run on a fresh machine).
setup:
	@scripts/setup.sh

# One part each (scripts/setup.sh says what each installs and why); quick when it is there.
$(addprefix setup-,$(SETUP_PARTS)):
	@scripts/setup.sh $(@:setup-%=%)

# The quick tier: no browser, no wasm, no npm, no apt. What a change to the Rust code must pass first.
check: lint-rust
	cargo test --workspace --no-fail-fast
	@echo "make check: all green (make test runs the rest: notices, wasm, rulesets, browser tests)"

wasm: setup-wasm setup-npm
	@scripts/build-wasm.sh

# A release: the npm tarball and the self-hosting archive (files, SRI hashes, CSP lines, a page for a CMS
# administrator) in target/dist/; scripts/dist.mjs says what is in them, docs/versioning.md how to release.
dist: wasm
	@node scripts/dist.mjs

# THIRD-PARTY-NOTICES.md written again from the dependencies (cargo-about); `make lint` checks it.
notices: setup-notices
	@scripts/notices.sh

# The playground page: CodeMirror 6 and our .regels support bundled by esbuild (from npm) for offline use.
playground: setup-npm
	@node scripts/build-playground.mjs

# fmt, clippy and the Debug-formatting check: Rust only.
lint-rust: setup-rust
	cargo fmt --all -- --check
	cargo fmt --manifest-path fuzz/Cargo.toml -- --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	@# The wasm bundles are built with -Zfmt-debug=none: every Debug text ({:?}) is empty there, so code
	@# that ships in them must not depend on it (it once made two different rules look equal to the diff).
	@! grep -rnE '[:]#?\?\}' crates/regiewijzer-core/src crates/regiewijzer-wasm/src \
	  || { echo "lint: Debug formatting in code that ships to the browser (see above)"; exit 1; }

lint: lint-rust setup-notices
	@# The licence notices of the crates in the wasm bundles, made again: any difference fails.
	@scripts/notices.sh --check

test-rust: setup-rust
	cargo test --workspace
	@# The limits on the browser's real stack size (1 MiB): only the optimised build has its frame sizes.
	cargo test --release -p regiewijzer-core --test limits

# The shipped rules: their tests pass and cover every rule and value; the analysis finds no gaps or
# conflicts (exit 1 otherwise). A fixed day keeps the analysis of date rules repeatable.
test-rules: setup-rust
	cargo run -q -p regiewijzer-cli -- test --coverage $(RULESETS)
	for f in $(RULESETS); do cargo run -q -p regiewijzer-cli -- analyze --today 2026-03-02 $$f || exit 1; done

# dist (after wasm, built once) also writes the tarball that the bundler test apps install.
test-browser: wasm playground dist setup-chromium setup-test-apps setup-fhir
	node --test tests/*.test.mjs

# setup first: on a fresh machine every part is installed in one go.
test: setup lint test-rust wasm test-rules test-browser
	@echo "make test: all green"

demo: wasm playground
	@echo "Demo portal:  http://127.0.0.1:$(PORT)/www/demo/  (English: /www/demo/en/)"
	@echo "Casus:        http://127.0.0.1:$(PORT)/www/demo/casus.html  (one case from melding to nazorg: <regie-casus>)"
	@echo "Playground:   http://127.0.0.1:$(PORT)/www/playground/"
	@echo "Rules core:   http://127.0.0.1:$(PORT)/www/"
	@echo "(Ctrl-C stops the server; it serves this folder on 127.0.0.1 only)"
	@python3 -m http.server --bind 127.0.0.1 $(PORT)

# Size and speed, measured and reported (docs/performance.md), never asserted; not part of `make test`.
# Native criterion benches, the scaling plot, download sizes beside the peers, the engine comparison in
# Node, and start-up in headless Chromium. The figures go to target/bench/*.md as well.
bench: wasm setup-chromium
	@scripts/bench-setup.sh
	@mkdir -p target/bench
	set -o pipefail; cargo bench -p regiewijzer-core 2>&1 | tee target/bench/criterion.txt
	set -o pipefail; node benches/plot.mjs | tee target/bench/scaling.md
	set -o pipefail; node benches/size.mjs | tee target/bench/size.md
	set -o pipefail; node --no-warnings benches/compare.mjs | tee target/bench/engines.md
	set -o pipefail; node benches/startup.mjs | tee target/bench/startup.md
	set -o pipefail; node benches/replay.mjs | tee target/bench/replay.md

# Fuzzing (cargo-fuzz, libFuzzer, address sanitizer): every target for FUZZ_SECONDS each (default 120).
# CI runs it for 30 s per target after `make test`. See fuzz/README.md.
fuzz:
	@scripts/fuzz.sh

# The minimum supported Rust version (rust-version in Cargo.toml): installs that toolchain (minimal
# profile) and checks the workspace with it. CI runs it (.ci/run); not part of `make test`.
msrv:
	@scripts/msrv.sh

fmt:
	cargo fmt --all
	cargo run -q -p regiewijzer-cli -- fmt --write rulesets/*.regels

clean:
	cargo clean
	rm -f pkg/regiewijzer_wasm* pkg/LICENSE pkg/THIRD-PARTY-NOTICES.md pkg/CHANGELOG.md && rm -rf pkg/snippets tests/artifacts
