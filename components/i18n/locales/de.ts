/**
 * German strings for every conf-kit element: the example locale (docs/i18n.md).
 *
 * ```ts
 * import { setStrings } from 'conf-kit';
 * import { de } from 'conf-kit/i18n/de';
 * setStrings(de);                       // the whole page
 * room.strings = de;                    // or one <conf-room> and what is inside it
 * ```
 *
 * `satisfies ConfStrings` makes the type checker fail when a key is missing or has the wrong
 * shape, so a new string in components/i18n/strings.ts cannot be forgotten here.
 */
import type { ConfStrings } from '../strings.js';
import { meetingsDe } from '../meetings-strings.js';
import { recordingStringsDe } from '../recording-strings.js';
import { reconnectStringsDe } from '../reconnect-strings.js';
import { networkStringsDe } from './de-network.js';
import { controlsStringsDe } from '../controls-strings.js';
import type { DeviceKind } from '../../../src/state/types.js';

const geraete: Record<DeviceKind, string> = { videoinput: 'Kamera', audioinput: 'Mikrofon', audiooutput: 'Lautsprecher' };

export const de = {
  ...meetingsDe,
  ...networkStringsDe,
  ...controlsStringsDe,
  connection: {
    idle: 'Nicht verbunden',
    connecting: 'Verbinde…',
    joined: 'Verbunden',
    reconnecting: 'Verbindung wird wiederhergestellt…',
    closed: 'Getrennt',
  },
  errors: {
    'permission-denied': {
      title: 'Kamera oder Mikrofon blockiert',
      advice:
        'Dein Browser erlaubt keinen Zugriff auf Kamera oder Mikrofon. Erlaube ihn in den Website-Einstellungen (das Symbol in der Adressleiste) und versuche es dann erneut.',
    },
    'no-device': {
      title: 'Keine Kamera und kein Mikrofon gefunden',
      advice: 'Schließe eine Kamera oder ein Mikrofon an oder prüfe, ob eine andere App es verwendet, und versuche es dann erneut.',
    },
    'room-full': {
      title: 'Dieser Raum ist voll',
      advice: 'Der Raum hat seine Teilnehmergrenze erreicht. Versuche es erneut, wenn jemand gegangen ist, oder nutze einen anderen Raum.',
    },
    'server-unreachable': {
      title: 'Der Konferenzserver ist nicht erreichbar',
      advice: 'Prüfe deine Internetverbindung. Funktioniert sie, ist der Server vielleicht ausgefallen; versuche es gleich noch einmal.',
    },
    'protocol-mismatch': {
      title: 'Diese Seite ist veraltet',
      advice: 'Der Konferenzserver verwendet eine andere Version der App. Lade die Seite neu, um sie zu aktualisieren.',
    },
    timeout: {
      title: 'Der Server antwortet nicht',
      advice: 'Die Verbindung ist zu langsam oder der Server ist ausgelastet. Versuche es gleich noch einmal.',
    },
    replaced: {
      title: 'Du bist woanders beigetreten',
      advice: 'Dieser Anruf wird in einem anderen Tab oder auf einem anderen Gerät fortgesetzt.',
    },
    'room-closed': {
      title: 'Der Raum wurde geschlossen',
      advice: 'Der Server hat diesen Raum geschlossen. Du kannst erneut beitreten, um ihn wieder zu öffnen.',
    },
    unsupported: {
      title: 'Dein Browser kann diesem Anruf nicht beitreten',
      advice: 'Verwende eine aktuelle Version von Chrome, Edge, Firefox oder Safari.',
    },
    'media-failed': {
      title: 'Kamera oder Mikrofon konnte nicht gestartet werden',
      advice: 'Vielleicht verwendet eine andere App das Gerät. Schließe sie und versuche es dann erneut.',
    },
    'screen-share-denied': {
      title: 'Die Bildschirmfreigabe wurde nicht gestartet',
      advice:
        'Die Bildschirmauswahl wurde geschlossen oder dein Browser hat die Aufnahme blockiert. Versuche es erneut und wähle einen Bildschirm, ein Fenster oder einen Tab; Kamera und Mikrofon funktionieren weiter.',
    },
    'invalid-params': {
      title: 'Anrufdaten fehlen',
      advice: 'Gib den Server und den Raum an, dem beigetreten werden soll.',
    },
    unauthorized: {
      title: 'Du bist für diesen Anruf nicht angemeldet',
      advice: 'Dein Zugangslink fehlt, ist ungültig oder abgelaufen. Hol dir eine neue Einladung oder melde dich erneut an.',
    },
    forbidden: {
      title: 'Das darfst du hier nicht',
      advice: 'Dein Zugang erlaubt diesen Raum oder diese Aktion nicht. Bitte die Organisation um Zugang.',
    },
    removed: {
      title: 'Du wurdest aus dem Meeting entfernt',
      advice: 'Eine Moderatorin oder ein Moderator hat dich aus diesem Meeting entfernt.',
    },
    'rate-limited': {
      title: 'Zu viele Anfragen',
      advice: 'Warte einen Moment und versuche es dann erneut.',
    },
  },
  errorFallbackTitle: 'Etwas ist schiefgelaufen',
  errorDismiss: 'Schließen',
  errorRetry: 'Erneut versuchen',
  errorReload: 'Seite neu laden',
  roomJoining: (room) => `Trete ${room} bei…`,
  roomLeft: 'Du hast den Anruf verlassen',
  roomRejoin: 'Erneut beitreten',
  roomReady: (room) => `Bereit, ${room} beizutreten`,
  roomNotConnected: 'Nicht verbunden',
  roomJoin: 'Beitreten',
  participants: (n) => (n === 1 ? '1 Teilnehmer' : `${n} Teilnehmende`),
  screens: (n) => (n === 1 ? 'Geteilter Bildschirm' : `${n} geteilte Bildschirme`),
  layoutLabel: 'Ansicht',
  layoutNames: { auto: 'Automatisch', grid: 'Raster', speaker: 'Sprecher' },
  selfViewHide: 'Eigenes Bild ausblenden',
  selfViewShow: 'Eigenes Bild einblenden',
  selfViewLabel: 'Ihr Video (ziehen oder mit den Pfeiltasten verschieben)',
  pin: (name) => `${name} anheften`,
  unpin: (name) => `${name} lösen`,
  stageLabel: 'Bühne',
  filmstripLabel: 'Weitere Teilnehmende',
  pageStatus: (page, pages) => `Seite ${page} von ${pages}`,
  pagePrevious: 'Vorherige Seite',
  pageNext: 'Nächste Seite',

  controlsLabel: 'Anrufsteuerung',
  micMute: 'Mikrofon stummschalten',
  micUnmute: 'Mikrofon einschalten',
  // The visible text is part of the accessible name (WCAG 2.5.3, label in name).
  micMuteShort: 'Stummschalten',
  micUnmuteShort: 'Einschalten',
  cameraStart: 'Video starten',
  cameraStop: 'Video beenden',
  cameraTurnOn: 'Kamera einschalten',
  cameraTurnOff: 'Kamera ausschalten',
  micTurnOn: 'Mikrofon einschalten',
  micTurnOff: 'Mikrofon ausschalten',
  leave: 'Anruf verlassen',
  leaveShort: 'Verlassen',

  tileYou: 'Du',
  tileLocalName: (name) => `${name} (du)`,
  tileConnectingVideo: 'Video wird verbunden…',
  tileWaiting: 'Warte…',
  tileMicOff: 'Mikrofon aus',
  tileCameraOff: 'Kamera aus',

  micLevel: 'Mikrofonpegel',

  deviceChoose: { videoinput: 'Kamera wählen', audioinput: 'Mikrofon wählen', audiooutput: 'Lautsprecher wählen' },
  deviceUnavailable: {
    videoinput: 'Dieser Browser kann die Kamera nicht auswählen',
    audioinput: 'Dieser Browser kann das Mikrofon nicht auswählen',
    audiooutput: 'Dieser Browser kann den Lautsprecher nicht auswählen',
  },
  deviceHeading: { ...geraete },
  deviceNone: { videoinput: 'Keine Kamera gefunden', audioinput: 'Kein Mikrofon gefunden', audiooutput: 'Kein Lautsprecher gefunden' },
  deviceUnnamed: (kind, n) => `${geraete[kind]} ${n}`,
  deviceNeedsPermission: 'Erlaube den Zugriff auf Kamera und Mikrofon, um die Namen deiner Geräte zu sehen.',

  screenShareStart: 'Bildschirm teilen',
  screenShareStarting: 'Startet…',
  screenShareStop: 'Freigabe beenden',
  screenShareErrors: {
    unsupported: 'Bildschirmfreigabe ist hier nicht verfügbar',
    'permission-denied': 'Bildschirmfreigabe wurde blockiert',
    'screen-share-denied': 'Bildschirmfreigabe wurde blockiert oder abgebrochen',
    'not-joined': 'Tritt dem Anruf bei, um deinen Bildschirm zu teilen',
  },
  screenShareFailed: 'Bildschirmfreigabe fehlgeschlagen',

  screenTileLocal: 'Du teilst deinen Bildschirm',
  screenTileRemote: (name) => `Bildschirm von ${name}`,
  screenTileConnecting: 'Bildschirm wird verbunden…',

  prejoinHeading: 'Bereit zum Beitreten?',
  prejoinHeadingRoom: (room) => `${room} beitreten`,
  prejoinAudioCall: 'Audioanruf',
  prejoinCameraOff: 'Kamera ist aus',
  prejoinNoCamera: 'Keine Kamera',
  prejoinTestSound: 'Lautsprecher testen',
  prejoinPlaying: 'Wird abgespielt…',
  prejoinUnavailable: 'Kamera oder Mikrofon nicht verfügbar',
  prejoinMicOnly: 'Du kannst nur mit deinem Mikrofon beitreten.',
  prejoinCameraOnly: 'Du kannst nur mit deiner Kamera beitreten.',
  prejoinWatchOnly: 'Du kannst trotzdem beitreten, um zuzusehen und zuzuhören.',
  prejoinName: 'Dein Name',
  prejoinJoin: 'Beitreten',

  qualityLabels: { auto: 'Automatisch', high: 'Hoch', medium: 'Mittel', low: 'Niedrig', 'audio-only': 'Nur Audio' },
  qualityShortLabels: { auto: 'Auto', high: 'HD', medium: 'SD', low: 'LD', 'audio-only': 'Audio' },
  qualityTrigger: (short, full) => (short === full ? `${short}: Videoqualität` : `${short}: Videoqualität (${full})`),
  qualityMenuLabel: 'Videoqualität',
  qualityHeading: 'Qualität',
  frameRateHeading: 'Bildrate',
  frameRates: { 2: 'Volle Bildrate', 1: 'Halbe Bildrate', 0: 'Viertel Bildrate' },

  streamTypes: { high: 'hoch', medium: 'mittel', low: 'niedrig' },
  qualityAudioOnly: 'nur Audio',
  bitrate: (kbps) => `${kbps.toLocaleString('de-DE')} kbit/s`,
  receivedVideo: (summary) => `Empfangenes Video: ${summary}`,

  // --- calls (issue 12) ---
  callIncoming: (name) => `${name} ruft an`,
  callTypes: { video: 'Videoanruf', audio: 'Audioanruf' },
  callAcceptVideo: 'Annehmen mit Video',
  callAcceptAudio: 'Annehmen nur mit Audio',
  callDecline: 'Ablehnen',
  callMuteRingtone: 'Klingelton stumm',
  callStatuses: {
    ringing: 'klingelt',
    accepted: 'angenommen',
    declined: 'abgelehnt',
    busy: 'besetzt',
    'no-answer': 'keine Antwort',
    offline: 'offline',
    cancelled: 'abgebrochen',
  },
  callStart: (users) => `${users} anrufen`,
  callCancel: 'Anruf abbrechen',
  callAddLabel: 'Personen hinzufügen (Benutzer-IDs, durch Komma getrennt)',
  callAddInvite: 'Einladen',
  callAddPeople: 'Personen hinzufügen',
  callAddFailed: (code) => `Einladung fehlgeschlagen (${code})`,
  moderatorMuted: (source) =>
    source === 'mic'
      ? 'Eine Moderation hat dein Mikrofon stummgeschaltet. Du kannst es selbst wieder einschalten.'
      : source === 'camera'
        ? 'Eine Moderation hat dein Video gestoppt. Du kannst es wieder einschalten.'
        : 'Eine Moderation hat deine Bildschirmfreigabe angehalten.',
  participantsOpen: (count) => `Teilnehmende ${count}`,
  participantsHeading: 'Teilnehmende',
  participantsClose: 'Teilnehmende schließen',
  participantYou: '(du)',
  participantSpeaking: 'spricht',
  participantMicOn: 'Mikrofon an',
  participantMicOff: 'Mikrofon aus',
  participantCameraOn: 'Kamera an',
  participantCameraOff: 'Kamera aus',
  participantActions: (name) => `Aktionen für ${name}`,
  participantMuteMic: 'Mikrofon stummschalten',
  participantStopVideo: 'Video stoppen',
  participantRemove: 'Aus dem Meeting entfernen',
  // --- end calls ---
  ...recordingStringsDe, // recording (issue 13)
  ...reconnectStringsDe, // reconnect UI (issue 14)
} satisfies ConfStrings;

export default de;
