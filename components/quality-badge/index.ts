export { QualityBadge, formatQuality } from './quality-badge.js';
