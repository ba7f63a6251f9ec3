/// <reference types="pycache-kit/client" />
// Types for browser code of a Vite app that uses pycache-kit/vite: everything pycache-kit/client declares, plus
// the `pycache:update` HMR event of `import.meta.hot.on`. Use with `"types": ["vite/client", "pycache-kit/vite-client"]`
// in tsconfig.json. It augments Vite's client-side event map only: it must not load the plugin's declarations
// (Vite's and Rolldown's Node-side types), so a browser app without @types/node passes with `skipLibCheck: false`.
// (An augmentation must live in a module: the import makes this file one.)
import type { ManifestModule, PycacheManifest } from 'virtual:pycache-manifest';

/** The `pycache:update` event's data: pycache-kit/vite's `PycacheUpdatePayload` (a type test keeps them equal). */
export interface PycacheUpdatePayload {
  type: 'create' | 'update' | 'delete';
  /** The dotted module name. */
  module: string;
  /** The manifest `source` path. */
  source: string;
  /** The module's new manifest entry; `null` after a delete. */
  entry: ManifestModule | null;
  /** The whole manifest after the change. */
  manifest: PycacheManifest;
}

declare module 'vite/types/customEvent.d.ts' {
  interface CustomEventMap {
    /** Sent by the pycache-kit dev server after a Python file changed, was added or was deleted. */
    'pycache:update': PycacheUpdatePayload;
  }
}
