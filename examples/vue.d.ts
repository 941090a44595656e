// Single-file components, for tsc (vue-tsc would type-check their contents).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
