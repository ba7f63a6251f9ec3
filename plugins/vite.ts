/**
 * `pycache-kit/vite`: import `.py` files as the text CPython's `decode_source` gives, and emit the
 * `__pycache__` manifest. One plugin object for Vite 8, plain Rollup 4 and Rolldown: the Vite-only hooks
 * (`configResolved`, `configureServer`, `hotUpdate`) are simply not called by the other two. Each hook calls
 * shared code: the module records (`vite/python-modules.ts`), the virtual manifest module
 * (`vite/manifest-module.ts`), the dev server (`vite/dev-server.ts`), hot updates (`vite/hot-update.ts`) and the
 * host layer's `pythonOutputs` (the files every host writes).
 */
import type { Plugin, ResolvedConfig } from 'vite';
import type { UPDATE_EVENT } from '../src/contract/index.js';
import type { PycacheManifest, PycacheUpdatePayload } from '../src/contract/index.js';
import { pythonOutputs } from './common/build-outputs.js';
import { PythonDecodeError } from './common/decode-error.js';
import { DEFAULT_INCLUDE } from './common/options.js';
import type { PycacheOptions } from './common/options.js';
import { devManifestUrl, devMiddleware } from './vite/dev-server.js';
import { pythonHotUpdate } from './vite/hot-update.js';
import { fillManifest, MANIFEST_MODULE_ID, manifestModuleCode, RESOLVED_MANIFEST_ID } from './vite/manifest-module.js';
import { isInside, PythonModules } from './vite/python-modules.js';

export type { PycacheOptions, OptimizationLevel, PrecompileOptions, InvalidationMode } from './common/options.js';
export type { PycacheManifest, ManifestModule, CacheKey, PycacheUpdatePayload } from '../src/contract/index.js';
export { MANIFEST_MODULE_ID } from './vite/manifest-module.js';
export { UPDATE_EVENT } from '../src/contract/index.js';

declare module 'vite/types/customEvent.d.ts' {
  interface CustomEventMap {
    /** Sent by the pycache-kit dev server after a Python file changed, was added or was deleted. */
    [UPDATE_EVENT]: PycacheUpdatePayload;
  }
}

/**
 * The plugin. `options` are validated now (a {@link PycacheOptionError} names a bad option); the default Python
 * target is read from the project's `pyodide` package once the project root is known.
 */
export default function pycache(options: PycacheOptions = {}): Plugin {
  const modules = new PythonModules(options);
  let base = '/';
  let isDev = false;
  let viteConfigured = false;

  return {
    name: 'pycache-kit',
    enforce: 'pre',

    configResolved(config: ResolvedConfig) {
      viteConfigured = true;
      modules.configure(config.root);
      base = config.base;
      isDev = config.command === 'serve';
    },

    buildStart(inputOptions) {
      // Plain Rollup has no project root (the current folder stands for it); Rolldown has `cwd`.
      const cwd = (inputOptions as { cwd?: unknown }).cwd;
      if (!viteConfigured && typeof cwd === 'string' && cwd !== modules.projectRoot) modules.configure(cwd);
      // Dev keeps one long-lived build; a production or watch build starts from what `load` finds this time.
      if (!isDev) modules.clear();
    },

    resolveId: {
      filter: { id: /^virtual:pycache-manifest$/ },
      handler(source) {
        return source === MANIFEST_MODULE_ID ? RESOLVED_MANIFEST_ID : null;
      },
    },

    load: {
      filter: { id: [/\.pyw?$/, /^\0virtual:pycache-manifest$/, ...(isDefaultInclude(options) ? [] : [/./])] },
      async handler(id) {
        if (id === RESOLVED_MANIFEST_ID) {
          const consumer = (this as { environment?: { config: { consumer: string } } }).environment?.config.consumer;
          const code = manifestModuleCode(
            !isDev ? { kind: 'build' }
            : consumer === 'client' ? { kind: 'dev-client', url: devManifestUrl(base, modules.options.manifest) }
            : { kind: 'dev-server', manifest: modules.manifest() },
          );
          return { code, map: { mappings: '' }, moduleType: 'js' };
        }
        if (!modules.isPython(id)) return null;
        const result = await modules.load(id);
        if ('error' in result) {
          const { error } = result;
          if (error instanceof PythonDecodeError) {
            this.error({ message: error.message, id, loc: { file: id, line: error.line, column: error.column } });
          }
          this.error({ message: error.message, id });
        }
        if (result.warning !== undefined) this.warn(result.warning);
        return { code: result.code, map: { mappings: '' }, moduleType: 'js' };
      },
    },

    renderChunk(code) {
      const filled = fillManifest(code, () => modules.manifest());
      return filled === null ? null : { code: filled, map: null };
    },

    async generateBundle() {
      const failures = modules.failures();
      if (failures.length > 0) {
        // `load` already failed the build; never leave a partial manifest behind if a host carried on.
        this.error(`pycache: no manifest written: ${failures.length} Python file(s) failed: ${failures.join('; ')}`);
      }
      for (const { fileName, source, originalFile } of (await pythonOutputs(modules.options, modules.built(), modules.projectRoot)).files) {
        this.emitFile({ type: 'asset', fileName, source, ...(originalFile === undefined ? {} : { originalFileName: originalFile }) });
      }
    },

    configureServer(server) {
      for (const root of modules.roots) if (!isInside(modules.projectRoot, root)) server.watcher.add(root);
      server.middlewares.use(devMiddleware(modules, () => base));
    },

    hotUpdate({ type, file }) {
      return pythonHotUpdate(modules, this.environment, type, file);
    },

    api: {
      /** The manifest as it stands (dev: every Python module served so far), for other plugins. */
      manifest: (): PycacheManifest => modules.manifest(),
    },
  };
}

function isDefaultInclude(options: PycacheOptions): boolean {
  return options.include === undefined || (Array.isArray(options.include) && options.include.join() === DEFAULT_INCLUDE.join());
}
