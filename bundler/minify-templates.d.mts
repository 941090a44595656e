/** Minifies the static text of Lit's css`…`, html`…` and svg`…` templates (see minify-templates.mjs). */
export function minifyLitTemplates(code: string): string;

/** A vite/rollup plugin for conf-kit's own element sources (components/**.ts by default). */
export function litTemplatesMinify(filter?: RegExp): {
  name: string;
  enforce: 'pre';
  transform(code: string, id: string): { code: string; map: null } | null;
};

/** The same as an esbuild plugin. */
export function litTemplatesMinifyEsbuild(filter?: RegExp): {
  name: string;
  setup(build: {
    onLoad(
      options: { filter: RegExp },
      callback: (args: { path: string }) => Promise<{ contents: string; loader: 'ts' }>,
    ): void;
  }): void;
};
