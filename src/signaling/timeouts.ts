/**
 * The default timeout of the socket connect and of each request, in ms. Its own module, so that
 * `<conf-room>` can name it before the first paint without loading the signalling client.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
