export { ScreenShareButton } from './screen-share-button.js';
