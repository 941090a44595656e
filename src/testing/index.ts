export { FakeSession, type FakeSessionOptions, type FakeCall } from './fake-session.js';
export { createFakeMediaStream, stopFakeMediaStream, type FakeMediaOptions } from './fake-media.js';
export { FakeMeetingsClient, type FakeCallRecord } from './fake-meetings.js';
export { FakeCalls } from './fake-calls.js';
