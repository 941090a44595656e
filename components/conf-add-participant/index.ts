export { ConfAddParticipant } from './conf-add-participant.js';
