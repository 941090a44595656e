/** Pure helpers on `self.permissions` (docs/auth.md); no DOM, no mediasoup (elements import this). */
import type { MediaSource, Permissions } from '../protocol/protocol.js';

/** Whether `permissions` allow publishing `source` (null = not known yet: allowed, the server decides). */
export function canPublish(permissions: Permissions | null | undefined, source: MediaSource): boolean {
  if (!permissions) return true;
  const { publish } = permissions;
  return publish === true || (Array.isArray(publish) && publish.includes(source));
}
