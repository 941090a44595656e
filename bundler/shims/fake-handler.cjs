'use strict';
// conf-kit/bundler: mediasoup-client's FakeHandler (a test double, exported by its index) is left
// out of browser builds; conf-kit's own fakes live in conf-kit/testing.
class FakeHandler {
  static createFactory() {
    throw new Error('mediasoup-client FakeHandler is left out of this build (conf-kit/bundler)');
  }
}
exports.FakeHandler = FakeHandler;
