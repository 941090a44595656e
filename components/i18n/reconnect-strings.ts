/**
 * The strings of the reconnect UI (docs/reliability.md): <conf-connection-banner> and the
 * "Reconnecting…" label of <conf-tile>. Part of `ConfStrings`; English and German here.
 */
export interface ReconnectStrings {
  /** The banner while the session reconnects, before the first attempt has started. */
  reconnectBanner: string;
  /** The banner during attempt `attempt` of at most `max`. */
  reconnectBannerAttempt: (attempt: number, max: number) => string;
  /** Shown for a few seconds once the connection is back. */
  reconnectRestored: string;
  /** The banner after the attempts ran out (or a final error stopped them). */
  reconnectFailedTitle: string;
  /** The advice under it. */
  reconnectFailedAdvice: string;
  /** The button that joins the same room again. */
  reconnectRejoin: string;
  /** The label of a remote tile whose participant is reconnecting (`PublisherState.reconnecting`). */
  tileReconnecting: string;
  /** Its accessible description, with the participant's name. */
  tileReconnectingFor: (name: string) => string;
}

export const reconnectStringsEn: ReconnectStrings = {
  reconnectBanner: 'Connection lost. Reconnecting…',
  reconnectBannerAttempt: (attempt, max) => `Connection lost. Reconnecting… (attempt ${attempt} of ${max})`,
  reconnectRestored: 'Connection restored',
  reconnectFailedTitle: 'Could not reconnect',
  reconnectFailedAdvice: 'The connection to the call was lost and every attempt to restore it failed. Check your network, then rejoin.',
  reconnectRejoin: 'Rejoin',
  tileReconnecting: 'Reconnecting…',
  tileReconnectingFor: (name) => `${name} is reconnecting`,
};

export const reconnectStringsDe: ReconnectStrings = {
  reconnectBanner: 'Verbindung unterbrochen. Verbindung wird wiederhergestellt…',
  reconnectBannerAttempt: (attempt, max) =>
    `Verbindung unterbrochen. Verbindung wird wiederhergestellt… (Versuch ${attempt} von ${max})`,
  reconnectRestored: 'Verbindung wiederhergestellt',
  reconnectFailedTitle: 'Verbindung konnte nicht wiederhergestellt werden',
  reconnectFailedAdvice:
    'Die Verbindung zum Anruf ist abgebrochen, und jeder Versuch, sie wiederherzustellen, ist gescheitert. Prüfe dein Netzwerk und tritt dann erneut bei.',
  reconnectRejoin: 'Erneut beitreten',
  tileReconnecting: 'Verbindung wird wiederhergestellt…',
  tileReconnectingFor: (name) => `Die Verbindung von ${name} wird wiederhergestellt`,
};
