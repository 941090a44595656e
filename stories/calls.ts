/** Shared bits of the call stories (stories/conf-*call*.stories.ts): FakeCalls set up in a given state. */
import type { CallStatus } from '../src/protocol/calls.js';
import { FakeCalls } from '../src/testing/fake-calls.js';

export const ada = { userId: 'ada', name: 'Ada Lovelace' };

/** A FakeCalls with one outgoing call to `statuses`' users, each in the given status. */
export async function outgoing(statuses: Record<string, CallStatus>): Promise<{ calls: FakeCalls; callId: string }> {
  const calls = new FakeCalls();
  const call = await calls.start(Object.keys(statuses), { callType: 'video' });
  for (const [user, status] of Object.entries(statuses)) calls.setStatus(call.callId, user, status);
  return { calls, callId: call.callId };
}
