#!/usr/bin/env bash
# Idempotent set-up run by `npm start` and `npm test`.
# Installs what is missing: Debian's chromium and ffmpeg (recording, docs/recording.md),
# experimental's mediasoup-worker (pinned so that nothing else comes from experimental), the node
# modules, and the build. Fast when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

WORKER_BIN_DEFAULT=/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker
WORKER_VERSION=3.8.4
CHROMIUM=/usr/bin/chromium
want_chromium=${CONF_KIT_NEED_CHROMIUM:-1}
# Server-side recording runs ffmpeg (FFMPEG_PATH, default `ffmpeg` on PATH); CONF_KIT_NEED_FFMPEG=0 skips it.
want_ffmpeg=${CONF_KIT_NEED_FFMPEG:-1}

log() { printf '[setup] %s\n' "$*"; }

worker_ok() {
  local bin=${MEDIASOUP_WORKER_BIN:-$WORKER_BIN_DEFAULT}
  [ -x "$bin" ]
}

missing_pkgs=()
worker_ok || missing_pkgs+=("mediasoup-worker/experimental")
if [ "$want_chromium" = 1 ] && [ ! -x "${CHROMIUM_PATH:-$CHROMIUM}" ]; then missing_pkgs+=(chromium); fi
if [ "$want_ffmpeg" = 1 ] && ! command -v "${FFMPEG_PATH:-ffmpeg}" >/dev/null 2>&1; then missing_pkgs+=(ffmpeg); fi
# The network-namespace e2e tests (test/e2e/netns.ts) use `ip` and `tc`.
if [ "$want_chromium" = 1 ] && ! command -v tc >/dev/null 2>&1; then missing_pkgs+=(iproute2); fi

if [ ${#missing_pkgs[@]} -gt 0 ]; then
  src=/etc/apt/sources.list.d/conf-kit-experimental.list
  pin=/etc/apt/preferences.d/conf-kit-experimental
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  suites="experimental"
  # On Ubuntu (or another Debian derivative) experimental's dependencies come from bookworm,
  # pinned just as low, so nothing replaces the distribution's own packages.
  . /etc/os-release 2>/dev/null || true
  [ "${ID:-debian}" = debian ] || suites="experimental bookworm"
  lines=""; for s in $suites; do lines="${lines}deb [signed-by=$keyring] http://deb.debian.org/debian $s main\n"; done
  pins=""; for s in $suites; do
    if [ "$s" = experimental ]; then sel="a=experimental"; else sel="n=$s"; fi
    pins="${pins}Package: *\nPin: release $sel\nPin-Priority: 1\n\n"
  done
  keycmd=""; [ -f "$keyring" ] || keycmd="apt-get update && apt-get install -y debian-archive-keyring && "
  cmd="${keycmd}printf '$lines' > $src && printf '$pins' > $pin && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing_pkgs[*]}"
  if [ "$(id -u)" != 0 ]; then
    log "missing system packages: ${missing_pkgs[*]}"
    log "run this as root, then run npm again:"
    printf '\n  sudo sh -c "%s"\n\n' "$cmd"
    exit 1
  fi
  log "installing system packages: ${missing_pkgs[*]}"
  sh -c "$cmd"
  worker_ok || { log "mediasoup-worker is still missing after the install; see the apt output above"; exit 1; }
  if [ "$want_ffmpeg" = 1 ] && ! command -v "${FFMPEG_PATH:-ffmpeg}" >/dev/null 2>&1; then
    log "ffmpeg is still missing after the install; recording stays disabled (see the apt output above)"
  fi
fi

# mediasoup's Node library and the worker must be the same version.
if command -v dpkg-query >/dev/null 2>&1 && [ -z "${MEDIASOUP_WORKER_BIN:-}" ]; then
  v=$(dpkg-query -W -f='${Version}' mediasoup-worker 2>/dev/null || true)
  case "$v" in
    "$WORKER_VERSION"*) ;;
    "") ;;
    *) log "warning: mediasoup-worker $v is installed; conf-kit needs $WORKER_VERSION (npm mediasoup@$WORKER_VERSION)";;
  esac
fi

# Node modules of both workspace packages (the kit at the root, conf-kit-server in server/), one
# lockfile: install when missing or when a package.json or package-lock.json changed since.
stamp=node_modules/.conf-kit-installed
if [ ! -f "$stamp" ] || [ ! -e node_modules/conf-kit-server ] || [ package-lock.json -nt "$stamp" ] \
  || [ package.json -nt "$stamp" ] || [ server/package.json -nt "$stamp" ]; then
  log "installing node modules"
  # mediasoup's own install script would build the worker from source; we use Debian's binary.
  export MEDIASOUP_WORKER_BIN=${MEDIASOUP_WORKER_BIN:-$WORKER_BIN_DEFAULT}
  # One lockfile for both workspaces; npm ci installs the root and server/ together.
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --ignore-scripts --prefer-offline || {
      log "npm ci failed; falling back to npm install"
      npm install --no-audit --no-fund --ignore-scripts
    }
  else
    npm install --no-audit --no-fund --ignore-scripts
  fi
  touch "$stamp"
fi

# >>> meetings: better-sqlite3 native build (npm skips install scripts; about a minute, once) >>>
# It compiles on one core while the build below (vite, tsc, Angular) runs on the other: on a fresh
# clone the two take about as long as the compile alone. Its output goes to a log, printed only if
# it fails. SQLite is compiled at -O1 (CFLAGS/CXXFLAGS, when you set none): 65 s here instead of
# 125 s at the package's -O3, and the meetings store's queries (a few rows each) do not notice.
sqlite_ok() { node -e "require('better-sqlite3')(':memory:').close()" >/dev/null 2>&1; }
sqlite_pid=""
sqlite_log=""
if ! sqlite_ok; then
  log "building better-sqlite3 (compiles the bundled SQLite once, alongside the build)"
  sqlite_log=$(mktemp)
  CFLAGS=${CFLAGS:--O1} CXXFLAGS=${CXXFLAGS:--O1} npm rebuild better-sqlite3 >"$sqlite_log" 2>&1 &
  sqlite_pid=$!
  trap 'kill "$sqlite_pid" 2>/dev/null || true' EXIT
fi
# <<< meetings <<<

# Build (the kit into dist/, the server into server/dist/): when either is missing or older than
# any source file.
newest_src=$(find src components server demo examples scripts/build-examples.sh package.json tsconfig.json tsconfig.server.json tsconfig.lib.json vite.config.ts vite.lib.config.ts \
  -path server/dist -prune -o -path server/node_modules -prune -o -type f -newer dist/.built -print 2>/dev/null | head -1 || true)
if [ ! -f dist/.built ] || [ ! -f server/dist/server/index.js ] || [ -n "$newest_src" ]; then
  log "building"
  npm run --silent build
  touch dist/.built
fi

if [ -n "$sqlite_pid" ]; then
  rc=0; wait "$sqlite_pid" || rc=$?
  trap - EXIT
  if [ "$rc" != 0 ] || ! sqlite_ok; then
    cat "$sqlite_log" >&2
    rm -f "$sqlite_log"
    log "better-sqlite3 does not load after its build (exit $rc); see the npm output above"
    exit 1
  fi
  rm -f "$sqlite_log"
  log "better-sqlite3 built"
fi
