/** Strings of the conf-kit elements: the typed set, the English defaults and the global registry (docs/i18n.md). */
export {
  defaultStrings,
  type ConfStrings,
  type PartialConfStrings,
  type ErrorText,
  type DescribedErrorCode,
  type ScreenShareErrorCode,
} from './strings.js';
export { getStrings, setStrings, resetStrings, subscribeStrings, mergeStrings } from './registry.js';
export { StringsController } from './controller.js';
