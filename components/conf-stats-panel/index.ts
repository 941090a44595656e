export { ConfStatsPanel, STATS_PANEL_INTERVAL_MS } from './conf-stats-panel.js';
export { ConfStatsOpenEvent, ConfStatsCloseEvent } from './stats-events.js';
export { StatsPanelHost } from './stats-panel-host.js';
export { sparkPoints } from './sparkline.js';
