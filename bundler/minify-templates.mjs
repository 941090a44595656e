// Minifies the static text of Lit's tagged templates (css`…`, html`…`, svg`…`) in a module's
// source, at build time: a JavaScript minifier never touches template text. Conservative, so
// that what renders does not change:
// - css: comments removed, whitespace runs collapsed to one space, and dropped next to { } ; , and
//   after a colon that ends a property name is NOT assumed (`a :hover` differs from `a:hover`);
// - html/svg: whitespace runs that contain a line break become one space (HTML collapses them
//   the same way outside <pre>/<textarea>; a template that contains either is left alone).
// Expressions (${…}) are copied as they are, and templates nested in them are minified too. If
// the scan does not end where it should (an unusual regex, say), the source is returned unchanged.

const TAGS = /(?<![\w$.])(css|html|svg)$/;

function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,]) ?/g, '$1');
}

function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Scans `code`; returns the minified code, or null when the scan went wrong. */
function scan(code) {
  let i = 0;
  let out = '';
  let last = ''; // last significant character copied, to tell a regex from a division

  // Copies a quoted string starting at i (code[i] is the quote).
  const string = () => {
    const quote = code[i];
    let j = i + 1;
    while (j < code.length && code[j] !== quote) {
      if (code[j] === '\\') j++;
      if (code[j] === '\n') return false;
      j++;
    }
    if (j >= code.length) return false;
    out += code.slice(i, j + 1);
    i = j + 1;
    return true;
  };

  const regex = () => {
    let j = i + 1;
    let inClass = false;
    while (j < code.length) {
      const c = code[j];
      if (c === '\\') j++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      else if (c === '\n') return false;
      j++;
    }
    if (j >= code.length) return false;
    j++;
    while (j < code.length && /[a-z]/i.test(code[j])) j++;
    out += code.slice(i, j);
    i = j;
    return true;
  };

  // A template literal at i (code[i] is the backtick); `tag` is css/html/svg or ''.
  const template = (tag) => {
    i++;
    let chunk = '';
    let raw = '`';
    let safe = true;
    const flush = () => {
      if (tag === 'css') raw += minifyCss(chunk);
      else if (tag && safe) raw += minifyHtml(chunk);
      else raw += chunk;
      chunk = '';
    };
    const parts = [];
    while (i < code.length) {
      const c = code[i];
      if (c === '\\') {
        chunk += code.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        i++;
        parts.push(chunk);
        break;
      } else if (c === '$' && code[i + 1] === '{') {
        parts.push(chunk);
        parts.push(null); // an expression follows
        chunk = '';
        i += 2;
        const saved = out;
        out = '';
        last = '{';
        if (!expression('}')) return false;
        parts.push(out);
        out = saved;
        i++; // the closing brace
      } else {
        chunk += c;
        i++;
      }
    }
    if (code[i - 1] !== '`') return false;
    const statics = parts.filter((p, k) => typeof p === 'string' && parts[k - 1] !== null);
    if (tag !== 'css' && statics.some((p) => /<(pre|textarea)\b/i.test(p))) safe = false;
    for (let k = 0; k < parts.length; k++) {
      if (parts[k] === null) {
        raw += '${' + parts[k + 1] + '}';
        k++;
      } else {
        chunk = parts[k];
        flush();
      }
    }
    out += raw + '`';
    last = '`';
    return true;
  };

  // Copies code up to (not including) the closing `end` at depth 0 ('' for the whole file).
  const expression = (end) => {
    let depth = 0;
    while (i < code.length) {
      const c = code[i];
      if (end && c === end && depth === 0) return true;
      if (c === '{' || c === '(' || c === '[') depth++;
      else if (c === '}' || c === ')' || c === ']') depth--;
      if (c === '"' || c === "'") {
        if (!string()) return false;
        last = c;
        continue;
      }
      if (c === '`') {
        const tag = TAGS.exec(out)?.[1] ?? '';
        if (!template(tag)) return false;
        continue;
      }
      if (c === '/' && code[i + 1] === '/') {
        const j = code.indexOf('\n', i);
        const stop = j < 0 ? code.length : j;
        out += code.slice(i, stop);
        i = stop;
        continue;
      }
      if (c === '/' && code[i + 1] === '*') {
        const j = code.indexOf('*/', i + 2);
        if (j < 0) return false;
        out += code.slice(i, j + 2);
        i = j + 2;
        continue;
      }
      if (c === '/' && (last === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(last) || /\b(return|typeof|case|do|else|in|of|void|yield|await)\s*$/.test(out))) {
        if (!regex()) return false;
        last = '/';
        continue;
      }
      out += c;
      if (!/\s/.test(c)) last = c;
      i++;
    }
    return !end && depth === 0;
  };

  return expression('') ? out : null;
}

/** The module's source with its Lit templates minified (unchanged when unsure). */
export function minifyLitTemplates(code) {
  if (!/(?:css|html|svg)`/.test(code)) return code;
  try {
    return scan(code) ?? code;
  } catch {
    return code;
  }
}

const OWN = /[\\/]components[\\/].*\.ts$/;

/** A vite/rollup plugin: minifies the templates of conf-kit's own element sources. */
export function litTemplatesMinify(filter = OWN) {
  return {
    name: 'conf-kit-minify-lit-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!filter.test(id.replace(/\?.*$/, ''))) return null;
      const next = minifyLitTemplates(code);
      return next === code ? null : { code: next, map: null };
    },
  };
}

/** The same as an esbuild plugin. */
export function litTemplatesMinifyEsbuild(filter = OWN) {
  return {
    name: 'conf-kit-minify-lit-templates',
    setup(build) {
      build.onLoad({ filter }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const code = await readFile(args.path, 'utf8');
        return { contents: minifyLitTemplates(code), loader: 'ts' };
      });
    },
  };
}
