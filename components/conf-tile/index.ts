export { ConfTile, initials } from './conf-tile.js';
