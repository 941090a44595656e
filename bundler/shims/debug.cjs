'use strict';
// conf-kit/bundler: a small stand-in for `debug`, for mediasoup-client only. Same switch as the
// real one and as conf-kit's logger: `localStorage.debug = 'mediasoup-client:*'` (comma or space
// separated patterns, `*` wildcards, `-pattern` to exclude), or `debug.enable(patterns)`. Arguments
// go to console with the namespace in front (printf-style %s/%o are formatted by the console).
let setting;
let version = 0;
function read() {
  if (setting === undefined) {
    try {
      setting = (globalThis.localStorage && globalThis.localStorage.getItem('debug')) || '';
    } catch {
      setting = '';
    }
  }
  return setting;
}
function test(patterns, namespace) {
  let on = false;
  for (const pattern of patterns.split(/[\s,]+/)) {
    if (!pattern) continue;
    const negated = pattern[0] === '-';
    const body = (negated ? pattern.slice(1) : pattern).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    if (new RegExp(`^${body}$`).test(namespace)) {
      if (negated) return false;
      on = true;
    }
  }
  return on;
}
function createDebug(namespace) {
  let seen = -1;
  let on = false;
  function log(...args) {
    if (seen !== version) {
      seen = version;
      on = test(read(), namespace);
    }
    if (!on) return;
    if (typeof args[0] === 'string') args[0] = `${namespace} ${args[0]}`;
    else args.unshift(namespace);
    log.log(...args);
  }
  log.namespace = namespace;
  log.log = console.debug.bind(console);
  log.extend = (suffix, delimiter = ':') => createDebug(namespace + delimiter + suffix);
  Object.defineProperty(log, 'enabled', { get: () => test(read(), namespace) });
  return log;
}
createDebug.enable = (patterns) => {
  setting = String(patterns || '');
  version++;
  try {
    if (setting) globalThis.localStorage?.setItem('debug', setting);
    else globalThis.localStorage?.removeItem('debug');
  } catch {
    // storage refused: the setting still holds for this page
  }
};
createDebug.disable = () => {
  const previous = read();
  createDebug.enable('');
  return previous;
};
createDebug.enabled = (namespace) => test(read(), namespace);
createDebug.default = createDebug;
createDebug.debug = createDebug;
module.exports = createDebug;
