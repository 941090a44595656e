export { DevicePicker } from './device-picker.js';
