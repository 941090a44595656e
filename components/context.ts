/**
 * @lit/context keys, in one module (Lit's advice: one key per service, shared by every element).
 *
 * Context carries services and stores, never fast-changing values: `sessionContext` holds the
 * session object, which changes only when a new session is assigned. Elements read its state
 * through `StoreController` (components/controllers/store-controller.ts), which re-renders only the
 * elements whose selected slice changed.
 */
import { createContext } from '@lit/context';
import type { PartialConfStrings } from './i18n/strings.js';
import type { SessionLike } from '../src/session/types.js';

/** The conference session shared by a <conf-room> (the provider) with everything inside it. */
export const sessionContext = createContext<SessionLike | undefined>(Symbol('conf-kit-session'));

export type SessionContext = typeof sessionContext;

/**
 * Per-subtree string overrides: a <conf-room> provides its `strings` property (a partial
 * ConfStrings) to everything inside it; StringsController merges it over the global strings
 * (setStrings). The value is the override object itself: assign a new object to change it.
 */
export const stringsContext = createContext<PartialConfStrings | undefined>(Symbol('conf-kit-strings'));

export type StringsContext = typeof stringsContext;
