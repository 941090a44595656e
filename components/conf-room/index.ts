export { ConfRoom } from './conf-room.js';
