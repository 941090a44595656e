'use strict';
// conf-kit/bundler: mediasoup-client's test/fakeParameters (test fixtures, exported by its index
// as `testFakeParameters`) are left out of browser builds.
