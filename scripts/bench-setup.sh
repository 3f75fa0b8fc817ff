#!/usr/bin/env bash
# Installs the engines `make bench` compares with (benches/package.json, exact versions from
# benches/package-lock.json) into benches/node_modules. Apart from the test dependencies: `make test` never
# needs them. @gorules/zen-engine-wasm32-wasi declares cpu "wasm32", and npm 11 refuses it on x64 even with
# --cpu=wasm32 (EBADPLATFORM); --force lets it through. It is a wasm file with JS around it, which runs on
# any cpu, and nothing else in this lock file is platform-specific.
set -euo pipefail
cd "$(dirname "$0")/../benches"
stamp=node_modules/.installed-from
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "bench-setup: peer engines present"
  exit 0
fi
echo "bench-setup: installing the peer engines (npm ci)"
npm ci --cpu=wasm32 --force --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
