#!/usr/bin/env bash
# Builds the framework examples (examples/react, examples/vue, examples/angular) into
# dist/demo/examples/<framework>/, which the conf-kit server serves at /examples/<framework>/.
# Runs after `build:demo` (whose build empties dist/demo). Each page reads ?server=&room=&user=&name=.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

vite build -c examples/react/vite.config.ts --logLevel warn
vite build -c examples/vue/vite.config.ts --logLevel warn

# Angular's application builder (@angular/build), run by the Architect CLI from examples/angular/angular.json.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! (cd examples/angular && NG_CLI_ANALYTICS=false architect conf-kit-angular:build) >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
grep -E 'WARNING|ERROR' "$log" >&2 || true
