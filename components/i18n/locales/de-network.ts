/** German strings of <conf-network-indicator> and <conf-stats-panel> (see ../network-strings.ts). */
import type { NetworkStrings } from '../network-strings.js';

export const networkStringsDe = {
  networkQualities: { excellent: 'ausgezeichnet', good: 'gut', poor: 'schlecht', lost: 'unterbrochen' },
  networkLabel: (quality) => `Verbindung: ${quality}`,
  networkFine: (name, quality) => `Die Verbindung von ${name} ist ${quality}`,
  networkYouFine: (quality) => `Deine Verbindung ist ${quality}`,
  networkTheirUplink: (name) => `Die Verbindung von ${name} ist instabil`,
  networkTheirLost: (name) => `Die Verbindung von ${name} ist unterbrochen`,
  networkYourDownlinkFor: (name) => `Deine Verbindung ist instabil: das Video von ${name} ist reduziert`,
  networkYourUplink: 'Deine Verbindung ist instabil: dein Video für andere ist reduziert',
  networkYourDownlink: 'Deine Verbindung ist instabil: empfangenes Video ist reduziert',

  statsTitle: 'Anrufstatistik',
  statsOpen: (name) => `Statistik für ${name}`,
  statsOpenShort: 'Statistik',
  statsClose: 'Statistik schließen',
  statsCopy: 'Diagnose kopieren',
  statsCopied: 'Diagnose kopiert',
  statsCopyFailed: 'Kopieren nicht möglich: keine Zwischenablage',
  statsMetrics: { bitrate: 'Bitrate', frameRate: 'Bildrate', loss: 'Paketverlust', rtt: 'Umlaufzeit', jitter: 'Jitter' },
  statsUnits: { bitrate: 'kbit/s', frameRate: 'fps', loss: '%', rtt: 'ms', jitter: 'ms' },
  statsLayer: 'Empfangene Ebene',
  statsResolution: 'Auflösung',
  statsEncodings: 'Gesendete Kodierungen',
  statsLimitation: 'Qualität begrenzt durch',
  statsCandidate: 'ICE-Kandidat',
  statsNoData: 'Noch keine Messwerte',
  statsYou: (name) => `${name} (du)`,
} satisfies NetworkStrings;
