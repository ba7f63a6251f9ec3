import type { ManifestModule, PycacheManifest } from './manifest.js';

/**
 * The HMR event the Vite dev server sends after a Python file changes, is added or is deleted; the runtime's
 * `acceptUpdates` listens for it (typed for client code by `pycache-kit/vite-client`).
 */
export const UPDATE_EVENT = 'pycache:update';

/** The {@link UPDATE_EVENT} event's data. */
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
