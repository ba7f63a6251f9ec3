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
import type { PythonOutputs } from './common/build-outputs.js';
import { PythonDecodeError } from './common/decode-error.js';
import { DEFAULT_INCLUDE } from './common/options.js';
import type { PycacheOptions } from './common/options.js';
import { devManifestUrl, devMiddleware, devPyodideRuntime } from './vite/dev-server.js';
import { pythonHotUpdate } from './vite/hot-update.js';
import {
  fillManifest,
  hasManifestPlaceholder,
  MANIFEST_ID_FILTER,
  MANIFEST_MODULE_ID,
  manifestModuleCode,
  RESOLVED_MANIFEST_ID,
  RESOLVED_MANIFEST_ID_FILTER,
} from './vite/manifest-module.js';
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
  /** The build's files, planned once: the manifest in chunks and the emitted one describe the same `.pyc`. */
  let planned: Promise<PythonOutputs> | undefined;
  /** Where the build's log lines go (set by the hook that plans). */
  let info: (line: string) => void = () => {};
  const plan = () =>
    (planned ??= pythonOutputs(modules.options, modules.built(), modules.projectRoot, {
      log: (line) => info(line),
      reached: modules.reachedStdlib(),
    }));

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
      planned = undefined;
    },

    resolveId: {
      filter: { id: MANIFEST_ID_FILTER },
      handler(source) {
        return source === MANIFEST_MODULE_ID ? RESOLVED_MANIFEST_ID : null;
      },
    },

    load: {
      filter: { id: [/\.pyw?$/, RESOLVED_MANIFEST_ID_FILTER, ...(isDefaultInclude(options) ? [] : [/./])] },
      async handler(id) {
        if (id === RESOLVED_MANIFEST_ID) {
          const consumer = (this as { environment?: { config: { consumer: string } } }).environment?.config.consumer;
          const code = manifestModuleCode(
            !isDev
              ? { kind: 'build' }
              : consumer === 'client'
                ? { kind: 'dev-client', url: devManifestUrl(base, modules.options.manifest) }
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

    onLog(_level, log) {
      const compiles = modules.options.precompile !== false || modules.options.stdlib !== false;
      if (log.code === 'PLUGIN_TIMINGS' && compiles && onlyNamesThisPlugin(log.message)) return false;
      return undefined;
    },

    // `entries`: the modules the Python import graph reaches join what JS imports, before any chunk (the
    // virtual manifest's included) is rendered.
    async buildEnd(error) {
      if (error !== undefined || isDev) return;
      const found = await modules.loadEntries();
      for (const line of found?.info ?? []) this.info(line);
      for (const warning of found?.warnings ?? []) this.warn(warning);
      const failures = modules.failures();
      if (failures.length > 0) this.error(failures.join('\n'));
    },

    async renderChunk(code) {
      if (!hasManifestPlaceholder(code)) return null;
      info = (line) => this.info(line);
      return { code: fillManifest(code, (await plan()).document), map: null };
    },

    async generateBundle() {
      const failures = modules.failures();
      if (failures.length > 0) {
        // `load` already failed the build; never leave a partial manifest behind if a host carried on.
        this.error(`pycache: no manifest written: ${failures.length} Python file(s) failed: ${failures.join('; ')}`);
      }
      info = (line) => this.info(line);
      for (const { fileName, source, originalFile } of (await plan()).files) {
        this.emitFile({
          type: 'asset',
          fileName,
          source,
          ...(originalFile === undefined ? {} : { originalFileName: originalFile }),
        });
      }
    },

    async configureServer(server) {
      for (const root of modules.roots) if (!isInside(modules.projectRoot, root)) server.watcher.add(root);
      // Option `pyodide` in dev: the runtime files of the project's own Pyodide (its own stdlib: the archive is a build product).
      const runtime = modules.options.pyodide
        ? await devPyodideRuntime(modules.options, modules.projectRoot, () => base)
        : undefined;
      modules.servePyodide(runtime?.field);
      server.middlewares.use(devMiddleware(modules, () => base, server.config.logger, runtime));
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
  return (
    options.include === undefined ||
    (Array.isArray(options.include) && options.include.join() === DEFAULT_INCLUDE.join())
  );
}

/**
 * Whether a Rolldown `PLUGIN_TIMINGS` report blames this plugin alone. With `precompile`, `generateBundle` runs
 * the target's interpreter (Pyodide in Node, seconds to load): that time is the work the option asks for, and
 * Rolldown would report it on every such build. A report that times any other plugin is kept.
 */
function onlyNamesThisPlugin(message: string): boolean {
  const timed = message.split('\n').filter((line) => /^\s*- .*\(\d+%/.test(line));
  if (timed.length > 0) return timed.every((line) => /^\s*- plugin pycache-kit /.test(line));
  return /in plugin `pycache-kit`\./.test(message);
}
