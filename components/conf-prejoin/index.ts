export { ConfPrejoin } from './conf-prejoin.js';
