/**
 * The call a <conf-room> belongs to, provided by <conf-call-center> to the room it mounts for a
 * call (and to everything inside it). A room with this context is a call: it shows
 * <conf-add-participant> in its controls. Kept apart from context.ts (session and strings).
 */
import { createContext } from '@lit/context';
import type { CallsLike } from './conf-call-button/conf-call-button.js';

export interface CallContextValue {
  /** The calls client the call lives on (`client.calls`, or a FakeCalls). */
  readonly calls: CallsLike;
  readonly callId: string;
}

export const callContext = createContext<CallContextValue | undefined>(Symbol('conf-kit-call'));

export type CallContext = typeof callContext;
