/** conf-kit/bundler: build plugins that slim mediasoup-client in an app's bundle (see index.mjs). */

/** (specifier, importing file) → the shim's absolute path, or null to resolve as usual. */
export function slimMediasoupClientPath(source: string, importer: string | undefined): string | null;

/** A vite (also rollup and rolldown) plugin: `plugins: [confKitSlim()]`. */
export function confKitSlim(): {
  name: string;
  enforce: 'pre';
  resolveId(source: string, importer: string | undefined): string | null;
};

/** An esbuild plugin: `plugins: [confKitSlimEsbuild()]`. */
export function confKitSlimEsbuild(): {
  name: string;
  setup(build: {
    onResolve(
      options: { filter: RegExp },
      callback: (args: { path: string; importer: string }) => { path: string } | undefined,
    ): void;
  }): void;
};

/** A tag vite's `transformIndexHtml` inserts. */
interface HtmlTag {
  tag: string;
  attrs: Record<string, string | boolean>;
  injectTo: 'head';
}

/**
 * A vite plugin (build only): pages whose up-front code loads mediasoup-client on demand (a
 * ConferenceSession joining) get a `<link rel="modulepreload">` for mediasoup-client's chunk:
 * `plugins: [confKitSlim(), confKitPreloadMediasoupClient()]`.
 */
export function confKitPreloadMediasoupClient(): {
  name: string;
  apply: 'build';
  configResolved(config: { base: string }): void;
  transformIndexHtml: {
    order: 'post';
    handler(html: string, ctx: { path: string; bundle?: Record<string, unknown>; chunk?: { fileName: string } }): string | HtmlTag[];
  };
};
