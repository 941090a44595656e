export { ConfIncomingCall, type CallAnswerDetail } from './conf-incoming-call.js';
export { Ringtone } from './ringtone.js';
