import { UPDATE_EVENT } from '../../src/contract/index.js';
import type { PycacheManifest } from '../../src/contract/index.js';

/** The id that imports the manifest: `import manifest from 'virtual:pycache-manifest'`. */
export const MANIFEST_MODULE_ID = 'virtual:pycache-manifest';
/** The resolved id (`\0` keeps other plugins off it). */
export const RESOLVED_MANIFEST_ID = `\0${MANIFEST_MODULE_ID}`;
/** Hook filters that match exactly {@link MANIFEST_MODULE_ID} and {@link RESOLVED_MANIFEST_ID}. */
export const MANIFEST_ID_FILTER = exactly(MANIFEST_MODULE_ID);
export const RESOLVED_MANIFEST_ID_FILTER = exactly(RESOLVED_MANIFEST_ID);
/** Stands for the manifest in built chunks until every module is loaded (`renderChunk` swaps it). */
const PLACEHOLDER = '__PYCACHE_KIT_MANIFEST_PLACEHOLDER__';
const PLACEHOLDER_RE = new RegExp(`(["'\`])${PLACEHOLDER}\\1`, 'g');

/** How the virtual module gets its manifest. */
export type ManifestModuleMode =
  /** A build: a placeholder, filled in once every module is loaded ({@link fillManifest}). */
  | { kind: 'build' }
  /** The dev server's browser code: fetched from the dev server, then updated in place by each hot update. */
  | { kind: 'dev-client'; url: string }
  /** The dev server's other environments (SSR): the manifest as it stands. */
  | { kind: 'dev-server'; manifest: PycacheManifest };

/** The virtual module's code. */
export function manifestModuleCode(mode: ManifestModuleMode): string {
  if (mode.kind === 'build') return `const manifest = "${PLACEHOLDER}";\nexport default manifest;\n`;
  if (mode.kind === 'dev-server') return `export default ${JSON.stringify(mode.manifest)};\n`;
  // The browser fetches every static import before running any of them, so by now the dev server has
  // loaded them all and the manifest it serves is complete.
  // Later changes arrive with every `pycache:update` event: the imported object is updated in place, so
  // code holding it always sees the manifest the dev server serves.
  return [
    `const response = await fetch(${JSON.stringify(mode.url)});`,
    `if (!response.ok) throw new Error('pycache: ' + (await response.text()));`,
    `const manifest = await response.json();`,
    `if (import.meta.hot) {`,
    `  import.meta.hot.on(${JSON.stringify(UPDATE_EVENT)}, (update) => {`,
    `    for (const key of Object.keys(manifest)) delete manifest[key];`,
    `    Object.assign(manifest, update.manifest);`,
    `  });`,
    `}`,
    `export default manifest;`,
    ``,
  ].join('\n');
}

/** Whether a built chunk holds the manifest's placeholder (it imports `virtual:pycache-manifest`). */
export function hasManifestPlaceholder(code: string): boolean {
  return code.includes(PLACEHOLDER);
}

/** A built chunk with the placeholder replaced by `manifest`. */
export function fillManifest(code: string, manifest: PycacheManifest): string {
  const json = JSON.stringify(manifest);
  return code.replace(PLACEHOLDER_RE, () => json);
}

function exactly(id: string): RegExp {
  return new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
