#!/usr/bin/env bash
# `make fuzz`: runs every fuzz target (fuzz/fuzz_targets) for FUZZ_SECONDS seconds each (default 120),
# with address sanitizer and debug assertions (so integer overflow is a crash too). CI runs it with 30.
#
# Seeds: the shipped rulesets and the core's fixtures for the rule-text targets, and fuzz/seeds/<target>
# (made from the shipped rulesets, kept in step by crates/regiewijzer-core/tests/fuzz_seeds.rs). What the
# fuzzer learns goes to target/fuzz-corpus/<target>, crashes to target/fuzz-artifacts/<target>/.
# One target: FUZZ_TARGETS=evaluate make fuzz. A crash ends the run with exit code 1 and the command that
# replays it; fix it, add a regression test, and add the input to fuzz/seeds/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-120}"
read -r -a targets <<< "${FUZZ_TARGETS:-parse_check evaluate fmt_roundtrip analyze decode}"
want_version="0.13.2"

if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$want_version" ]; then
  echo "fuzz: installing cargo-fuzz $want_version (once, about 30 s)"
  cargo install -q cargo-fuzz --version "$want_version"
fi

# cargo-fuzz passes -Z flags (the sanitizer); the installed stable compiler accepts them this way, and
# carries the address sanitizer's runtime.
export RUSTC_BOOTSTRAP=1
fuzz=(cargo fuzz)
common=(--fuzz-dir fuzz --target-dir target/fuzz -O --debug-assertions)

"${fuzz[@]}" build "${common[@]}"

failed=()
for t in "${targets[@]}"; do
  corpus="target/fuzz-corpus/$t"
  artifacts="target/fuzz-artifacts/$t/"
  mkdir -p "$corpus" "$artifacts"
  seeds=()
  [ -d "fuzz/seeds/$t" ] && seeds+=("fuzz/seeds/$t")
  case "$t" in
    parse_check | fmt_roundtrip | analyze) seeds+=(rulesets crates/regiewijzer-core/tests/fixtures fuzz/seeds/rules) ;;
  esac
  echo "fuzz: $t for ${seconds}s"
  if ! "${fuzz[@]}" run "${common[@]}" "$t" "$corpus" "${seeds[@]}" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$artifacts" -print_final_stats=1 2> "target/fuzz-artifacts/$t.log"; then
    tail -n 40 "target/fuzz-artifacts/$t.log"
    echo "fuzz: $t FAILED; replay: RUSTC_BOOTSTRAP=1 cargo fuzz run ${common[*]} $t $artifacts<file>"
    failed+=("$t")
  else
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "target/fuzz-artifacts/$t.log" \
      | sed "s/^/fuzz: $t /"
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]}"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no crash"
