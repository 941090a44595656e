#!/usr/bin/env bash
# Runs every test: typecheck, unit tests (node), component tests (web-test-runner in Chromium),
# and end-to-end tests (real server + real Chromium). Called by `npm test` after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }

step "typecheck"
npm run --silent typecheck

step "unit tests"
node --import tsx --test --test-reporter=spec test/unit/*.test.ts

step "component tests (web-test-runner, Chromium)"
npx wtr --config web-test-runner.config.mjs

step "end-to-end tests (real server, real Chromium)"
node --import tsx --test --test-reporter=spec --test-concurrency=1 test/e2e/*.test.ts

step "storybook: static build, every story rendered and checked with axe-core (real Chromium)"
node --import tsx --test --test-reporter=spec test/storybook/storybook.test.ts
