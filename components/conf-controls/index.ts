export { ConfControls } from './conf-controls.js';
