#!/usr/bin/env bash
# Runs every test: typecheck, unit tests (node), component tests (web-test-runner in Chromium),
# and end-to-end tests (real server + real Chromium). Called by `npm test` after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }
started=$SECONDS
done_in() { printf '=== %s: %ss (total %ss)\n' "$1" "$2" "$((SECONDS - started))"; }

typecheck() { npm run --silent typecheck; }
# Two unit test files at a time: each file is its own process, and loading it (tsx) is much of the
# suite's time (89 s one at a time, 55 s two at a time here). The unit tests wait on state, not on
# time (docs/testing.md), and passed this way beside a running e2e file.
unit() { node --import tsx --test --test-concurrency=2 --test-reporter=spec test/unit/*.test.ts; }
components() { npx wtr --config web-test-runner.config.mjs; }
declare -A titles=([typecheck]="typecheck" [unit]="unit tests" [components]="component tests (web-test-runner, Chromium)")

# The typecheck, the unit tests and the component tests run one after the other, printing as they
# go. They are independent processes: CONF_KIT_PARALLEL_TESTS=1 runs them side by side, each into
# its own log, printed whole in this order once all are done; the step fails if any failed. On a
# shared 2-core machine that saved nothing and loads tests that have timers, so it is opt-in.
parts=(typecheck unit components)
if [ "${CONF_KIT_PARALLEL_TESTS:-0}" != 1 ]; then
  for part in "${parts[@]}"; do
    t=$SECONDS; step "${titles[$part]}"; "$part"; done_in "$part" "$((SECONDS - t))"
  done
else
  logs=$(mktemp -d)
  # Our own background steps only (their pids), should this script be stopped early.
  pids=()
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$logs"' EXIT
  t=$SECONDS
  step "${parts[*]}: side by side (each log follows when all are done)"
  for part in "${parts[@]}"; do
    ( s=$SECONDS; rc=0; "$part" >"$logs/$part" 2>&1 || rc=$?; echo "$rc $((SECONDS - s))" >"$logs/$part.rc" ) &
    pids+=("$!")
  done
  wait
  failed=()
  for part in "${parts[@]}"; do
    read -r rc secs <"$logs/$part.rc"
    step "${titles[$part]}"
    cat "$logs/$part"
    printf '=== %s: exit %s after %ss\n' "$part" "$rc" "$secs"
    [ "$rc" = 0 ] || failed+=("$part")
  done
  done_in "${parts[*]}" "$((SECONDS - t))"
  if [ ${#failed[@]} -gt 0 ]; then
    printf '\n=== FAILED: %s (see the log above)\n' "${failed[*]}"
    exit 1
  fi
fi

t=$SECONDS
step "end-to-end tests (real server, real Chromium)"
node --import tsx --test --test-reporter=spec --test-concurrency=1 test/e2e/*.test.ts
done_in "end-to-end tests" "$((SECONDS - t))"

t=$SECONDS
step "storybook: static build, every story rendered and checked with axe-core (real Chromium)"
node --import tsx --test --test-reporter=spec test/storybook/storybook.test.ts
done_in storybook "$((SECONDS - t))"
