export { MicMeter } from './mic-meter.js';
