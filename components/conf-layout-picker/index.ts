export { ConfLayoutPicker } from './conf-layout-picker.js';
