export { ConfScreenTile } from './conf-screen-tile.js';
