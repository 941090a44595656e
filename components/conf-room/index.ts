export { ConfRoom } from './conf-room.js';
// What the room loads on demand (docs/architecture.md, "Lazy loading").
export { loadElement, preloadElements } from '../lazy-elements.js';
