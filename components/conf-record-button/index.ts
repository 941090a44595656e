export { ConfRecordButton } from './conf-record-button.js';
