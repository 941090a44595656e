import type { ConferenceErrorCode } from './state/types.js';

/** Every error the kit reports is a ConferenceError with a stable `code`. */
export class ConferenceError extends Error {
  readonly code: ConferenceErrorCode;

  constructor(code: ConferenceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConferenceError';
    this.code = code;
  }
}

export const isConferenceError = (value: unknown): value is ConferenceError =>
  value instanceof ConferenceError;
