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

/**
 * A feature this browser, device or track lacks (audio output selection, torch, screen capture).
 * Its `code` is always 'unsupported'; `feature` names what is missing.
 */
export class UnsupportedError extends ConferenceError {
  readonly feature: string;

  constructor(feature: string, message: string) {
    super('unsupported', message);
    this.name = 'UnsupportedError';
    this.feature = feature;
  }
}
