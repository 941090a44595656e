export { FakeSession, type FakeSessionOptions, type FakeCall } from './fake-session.js';
export { createFakeMediaStream, stopFakeMediaStream, type FakeMediaOptions } from './fake-media.js';
export { FakeCalls } from './fake-calls.js';
