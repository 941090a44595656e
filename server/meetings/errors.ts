/** Errors of the meetings REST API: `{ error: { code, message } }` with the socket's codes. */

export type ApiErrorCode = 'unauthorized' | 'forbidden' | 'not-found' | 'invalid-params' | 'too-large' | 'rate-limited' | 'internal';

export const STATUS: Record<ApiErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'invalid-params': 400,
  'too-large': 413,
  'rate-limited': 429,
  internal: 500,
};

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}
