export { StoreController, shallowEqual, type StoreControllerOptions } from './store-controller.js';
export { AudioLevelController, rmsToLevel } from './audio-level-controller.js';
