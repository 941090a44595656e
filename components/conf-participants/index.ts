export { ConfParticipants, participantRows } from './conf-participants.js';
export { ConfParticipantMenu } from './participant-menu.js';
export { ConfModerateEvent, type ModerationAction } from './events.js';
