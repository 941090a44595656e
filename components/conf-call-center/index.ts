export { ConfCallCenter } from './conf-call-center.js';
