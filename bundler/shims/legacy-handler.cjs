'use strict';
// conf-kit/bundler: stands in for mediasoup-client's Chrome74 (Chromium 74-110) and ReactNative106
// handlers, which the browsers conf-kit supports never use (docs/architecture.md, "Supported
// browsers"). Device detection still names them; creating one then fails as an unsupported device,
// like any browser mediasoup-client cannot serve (conf-kit then tries the Chrome111 handler).
function leftOut(name) {
  return {
    createFactory() {
      const error = new Error(`the mediasoup-client handler ${name} is left out of this build (conf-kit/bundler)`);
      error.name = 'UnsupportedError';
      throw error;
    },
  };
}
exports.Chrome74 = leftOut('Chrome74');
exports.ReactNative106 = leftOut('ReactNative106');
