export { ConfNetworkIndicator } from './conf-network-indicator.js';
export { describeNetwork, barsOf } from './describe.js';
