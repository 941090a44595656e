export { QualityMenu } from './quality-menu.js';
export { ConfQualityChangeEvent, ConfLayerChangeEvent } from './quality-events.js';
