import type { ConferenceErrorCode, ConnectionState } from '../../src/state/types.js';

/** A human title and advice for each error code. Unknown codes fall back to the session's message. */
export const errorMessages: Partial<Record<ConferenceErrorCode, { title: string; advice: string }>> = {
  'permission-denied': {
    title: 'Camera or microphone blocked',
    advice: "Your browser isn't allowing access to your camera or microphone. Allow it in the site settings (the icon in the address bar), then try again.",
  },
  'no-device': {
    title: 'No camera or microphone found',
    advice: 'Connect a camera or microphone, or check that no other app is using it, then try again.',
  },
  'room-full': {
    title: 'This room is full',
    advice: 'The room has reached its participant limit. Try again when someone leaves, or use another room.',
  },
  'server-unreachable': {
    title: "Can't reach the conference server",
    advice: 'Check your internet connection. If it works, the server may be down; try again in a moment.',
  },
  'protocol-mismatch': {
    title: 'This page is out of date',
    advice: 'The conference server runs a different version of the app. Reload the page to update it.',
  },
  timeout: {
    title: 'The server is not responding',
    advice: 'The connection is too slow or the server is busy. Try again in a moment.',
  },
  replaced: {
    title: 'You joined from somewhere else',
    advice: 'This call continues in another tab or on another device.',
  },
  'room-closed': {
    title: 'The room was closed',
    advice: 'The server closed this room. You can rejoin to start it again.',
  },
  unsupported: {
    title: "Your browser can't join this call",
    advice: 'Use a recent version of Chrome, Edge, Firefox or Safari.',
  },
  'media-failed': {
    title: "Couldn't start your camera or microphone",
    advice: 'Another app may be using it. Close it, then try again.',
  },
  'screen-share-denied': {
    title: "Screen sharing didn't start",
    advice: 'The screen picker was closed, or your browser blocked screen capture. Try again and pick a screen, window or tab; your camera and microphone keep working.',
  },
  'invalid-params': {
    title: 'Missing call details',
    advice: 'Set the server and room to join.',
  },
};

export function describeError(code: ConferenceErrorCode, message: string): { title: string; advice: string } {
  return errorMessages[code] ?? { title: 'Something went wrong', advice: message || code };
}

export const connectionLabels: Record<ConnectionState, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  joined: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
};

/** Columns of the tile grid for `count` tiles: 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4. */
export function gridColumns(count: number, narrow = false): number {
  if (narrow) return count <= 2 ? 1 : 2;
  if (count <= 1) return 1;
  if (count <= 4) return 2;
  if (count <= 9) return 3;
  return 4;
}
