/**
 * Controls from the custom-elements manifest. Storybook reads attributes, properties, events,
 * slots, parts and CSS properties from custom-elements.json for the docs table (preview.ts);
 * these helpers add editable controls for the CSS custom properties and apply them to the element.
 */
import manifest from '../../custom-elements.json';
import type { ArgTypes } from '@storybook/web-components-vite';

interface CssProperty {
  name: string;
  description?: string;
  default?: string;
}

interface Declaration {
  tagName?: string;
  cssProperties?: CssProperty[];
  attributes?: { name: string; fieldName?: string }[];
}

function declaration(tag: string): Declaration | undefined {
  for (const mod of (manifest as { modules: { declarations?: Declaration[] }[] }).modules) {
    const found = mod.declarations?.find((d) => d.tagName === tag);
    if (found) return found;
  }
  return undefined;
}

const colorLike = /colou?r|background|surface|text|accent|danger|warning|success|border/;
/** Properties the element sets itself (documented so that your CSS can read them). */
const readOnly = new Set(['--conf-mic-level']);

/**
 * ArgTypes to merge into a story's meta: a color or text control for each CSS custom property of
 * `tag` (the "css custom properties" table), and properties that mirror an attribute hidden, so
 * `user-id` is listed once (as an attribute, with its control) rather than also as `userId`.
 */
export function elementArgTypes(tag: string, overrides: ArgTypes = {}): ArgTypes {
  const argTypes: ArgTypes = {};
  const element = declaration(tag);
  for (const attribute of element?.attributes ?? []) {
    if (attribute.fieldName && attribute.fieldName !== attribute.name) argTypes[attribute.fieldName] = { table: { disable: true } };
  }
  for (const prop of element?.cssProperties ?? []) {
    argTypes[prop.name] = {
      control: readOnly.has(prop.name) ? false : colorLike.test(prop.name) ? 'color' : 'text',
      table: { category: 'css custom properties' },
    };
  }
  return { ...argTypes, ...overrides };
}

/** The inline style setting every `--*` arg that has a value (empty ones keep the element's default). */
export function cssVars(args: object): string {
  return Object.entries(args as Record<string, unknown>)
    .filter(([key, value]) => key.startsWith('--') && !readOnly.has(key) && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join('; ');
}
