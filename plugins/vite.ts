/**
 * `pycache-kit/vite`: import `.py` files as the text CPython's `decode_source` gives, and emit the
 * `__pycache__` manifest. One plugin object for Vite 8, plain Rollup 4 and Rolldown: the Vite-only hooks
 * (`configResolved`, `configureServer`, `hotUpdate`) are simply not called by the other two.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { createFilter } from '@rollup/pluginutils';
import type { Plugin, ResolvedConfig } from 'vite';
import { PythonDecodeError } from './common/decode-error.js';
import { buildManifest, serializeManifest } from './common/manifest.js';
import type { ManifestModule, PycacheManifest } from './common/manifest.js';
import type { ManifestPyodide } from './common/manifest-pyodide.js';
import { DEFAULT_INCLUDE, resolveOptions } from './common/options.js';
import type { PycacheOptions, ResolvedPycacheOptions } from './common/options.js';
import { defaultProjectTarget } from './common/project-python.js';
import { loadPythonModule, outputPathFor } from './common/python-module.js';
import { PythonRootError, resolveRoots } from './common/python-roots.js';

export type { PycacheOptions, OptimizationLevel, PrecompileOptions, InvalidationMode } from './common/options.js';
export type { PycacheManifest, ManifestModule, CacheKey } from './common/manifest.js';

/** The id that imports the manifest: `import manifest from 'virtual:pycache-manifest'`. */
export const MANIFEST_MODULE_ID = 'virtual:pycache-manifest';
const RESOLVED_MANIFEST_ID = `\0${MANIFEST_MODULE_ID}`;
/** Stands for the manifest in built chunks until every module is loaded (`renderChunk` swaps it). */
const PLACEHOLDER = '__PYCACHE_KIT_MANIFEST_PLACEHOLDER__';
const PLACEHOLDER_RE = new RegExp(`(["'\`])${PLACEHOLDER}\\1`, 'g');
/** The dev server's manifest URL (below `base`) when the build writes none (`manifest: false`). */
const DEV_MANIFEST_URL = '@pycache-kit/manifest.json';
/** The HMR event sent after a Python file changes, is added or deleted (typed for client code by `pycache-kit/vite-client`). */
export const UPDATE_EVENT = 'pycache:update';

/** The `pycache:update` event's data. */
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

/** What the plugin keeps per module id; rebuilt from `load`, so a watch rebuild never sees stale data. */
interface ModuleRecord {
  entry: ManifestModule;
  bytes?: Uint8Array;
}

/**
 * The plugin. `options` are validated now (a {@link PycacheOptionError} names a bad option); the default Python
 * target is read from the project's `pyodide` package once the project root is known.
 */
export default function pycache(options: PycacheOptions = {}): Plugin {
  let projectRoot = process.cwd();
  let resolved: ResolvedPycacheOptions = resolveOptions(options, () => defaultProjectTarget(projectRoot));
  let roots = resolveRoots(resolved.roots, projectRoot);
  let filter = makeFilter(resolved, projectRoot);
  let base = '/';
  let isDev = false;
  let viteConfigured = false;
  const modules = new Map<string, ModuleRecord>();
  const failures = new Map<string, Error>();
  let devRuntime: DevPyodideRuntime | undefined; // [stdlib branch]

  const configure = (root: string) => {
    projectRoot = root;
    resolved = resolveOptions(options, () => defaultProjectTarget(projectRoot));
    roots = resolveRoots(resolved.roots, projectRoot);
    filter = makeFilter(resolved, projectRoot);
  };

  const isUnderRoot = (file: string) => roots.some((root) => isInside(root, file));
  const isPython = (id: string) => !id.includes('?') && !id.startsWith('\0') && filter(id);
  const currentManifest = () => buildManifest(resolved.target, [...modules.values()].map((record) => record.entry));
  /** Where the dev server serves the manifest: the build's file name, or (with `manifest: false`) a private URL. */
  const devManifestUrl = () => joinUrl(base, resolved.manifest === false ? DEV_MANIFEST_URL : resolved.manifest);

  /** Reads, decodes and records one file; returns its ES module or the error to report. */
  const loadFile = async (id: string): Promise<{ code: string } | { error: Error }> => {
    const bytes = new Uint8Array(await readFile(id));
    try {
      const loaded = loadPythonModule(id, bytes, roots, resolved);
      // Raw bytes are kept only when they are emitted or compiled, to keep memory at `?raw`'s level otherwise.
      modules.set(id, { entry: loaded.entry, bytes: resolved.emitSources || resolved.precompile !== false ? bytes : undefined });
      failures.delete(id);
      return { code: loaded.code };
    } catch (error) {
      modules.delete(id);
      if (error instanceof PythonDecodeError || error instanceof PythonRootError) {
        failures.set(id, error);
        return { error };
      }
      throw error;
    }
  };

  return {
    name: 'pycache-kit',
    enforce: 'pre',

    configResolved(config: ResolvedConfig) {
      viteConfigured = true;
      configure(config.root);
      base = config.base;
      isDev = config.command === 'serve';
    },

    buildStart(inputOptions) {
      // Plain Rollup has no project root (the current folder stands for it); Rolldown has `cwd`.
      const cwd = (inputOptions as { cwd?: unknown }).cwd;
      if (!viteConfigured && typeof cwd === 'string' && cwd !== projectRoot) configure(cwd);
      // Dev keeps one long-lived build; a production or watch build starts from what `load` finds this time.
      if (!isDev) {
        modules.clear();
        failures.clear();
      }
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
        if (id === RESOLVED_MANIFEST_ID) return { code: manifestModuleCode(this), map: { mappings: '' }, moduleType: 'js' };
        if (!isPython(id)) return null;
        const result = await loadFile(id);
        if ('error' in result) {
          const error = result.error;
          if (error instanceof PythonDecodeError) {
            this.error({ message: error.message, id, loc: { file: id, line: error.line, column: error.column } });
          }
          this.error({ message: error.message, id });
        }
        return { code: result.code, map: { mappings: '' }, moduleType: 'js' };
      },
    },

    renderChunk(code) {
      if (!code.includes(PLACEHOLDER)) return null;
      const json = JSON.stringify(currentManifest());
      return { code: code.replace(PLACEHOLDER_RE, () => json), map: null };
    },

    async generateBundle() {
      if (failures.size > 0) {
        // `load` already failed the build; never leave a partial manifest behind if a host carried on.
        this.error(`pycache: no manifest written: ${failures.size} Python file(s) failed: ${[...failures.values()].map((e) => e.message).join('; ')}`);
      }
      // [stdlib branch] options `pyodide` and `stdlib`: the runtime files, the stdlib archive, the manifest's `pyodide` field.
      const runtime = await runtimeOutputs(resolved, modules, projectRoot, (line) => this.info(line));
      for (const [fileName, source] of runtime.assets) this.emitFile({ type: 'asset', fileName, source });
      const manifest = runtime.field ? { ...currentManifest(), pyodide: runtime.field } : currentManifest();
      if (resolved.emitSources) {
        for (const [id, record] of modules) {
          this.emitFile({ type: 'asset', fileName: outputPathFor(resolved.manifest, record.entry.source), source: record.bytes ?? new Uint8Array(0), originalFileName: id });
        }
      }
      for (const [cachePath, pyc] of await precompileModules(resolved, modules, projectRoot, (line) => this.info(line))) {
        this.emitFile({ type: 'asset', fileName: outputPathFor(resolved.manifest, cachePath), source: pyc });
      }
      if (resolved.manifest !== false) {
        this.emitFile({ type: 'asset', fileName: resolved.manifest, source: serializeManifest(manifest) });
      }
    },

    async configureServer(server) {
      // [stdlib branch] option `pyodide` in dev: Pyodide's own stdlib (the archive is a build product).
      devRuntime = resolved.pyodide ? await devPyodideRuntime(resolved, projectRoot, base) : undefined;
      for (const root of roots) if (!isInside(projectRoot, root)) server.watcher.add(root);
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        // [stdlib branch] option `pyodide`: the runtime files, from the project's own `pyodide` package.
        const runtimeFile = devRuntime?.request(url);
        if (runtimeFile) {
          res.setHeader('Content-Type', runtimeFile.type);
          res.end(runtimeFile.body);
          return;
        }
        if (url === devManifestUrl()) {
          if (failures.size > 0) {
            res.statusCode = 500;
            res.setHeader('Content-Type', 'text/plain; charset=utf-8');
            res.end([...failures.values()].map((e) => e.message).join('\n'));
            return;
          }
          res.setHeader('Content-Type', 'application/json');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(serializeManifest(devRuntime?.field ? { ...currentManifest(), pyodide: devRuntime.field } : currentManifest()));
          return;
        }
        // A source emitted at the .py file's own URL must not shadow Vite's module request for that file:
        // leave module loads (script fetches, ?import) to Vite and serve only plain fetches.
        const moduleRequest = req.headers['sec-fetch-dest'] === 'script' || /[?&]import\b/.test(req.url ?? '');
        if (resolved.emitSources && !moduleRequest) {
          for (const [id, record] of modules) {
            if (url === joinUrl(base, outputPathFor(resolved.manifest, record.entry.source))) {
              readFile(id).then((bytes) => {
                res.setHeader('Content-Type', 'text/x-python');
                res.setHeader('Cache-Control', 'no-cache');
                res.end(bytes);
              }, next);
              return;
            }
          }
        }
        next();
      });
    },

    async hotUpdate({ type, file }) {
      if (this.environment.name !== 'client' || !isPython(file)) return;
      const before = modules.get(file)?.entry;
      if (type === 'delete') {
        modules.delete(file);
        failures.delete(file);
      } else if ((type === 'create' && isUnderRoot(file)) || modules.has(file) || failures.has(file)) {
        const result = await loadFile(file);
        if ('error' in result) {
          this.environment.hot.send({ type: 'error', err: { message: result.error.message, stack: '', id: file, plugin: 'pycache-kit', ...(result.error instanceof PythonDecodeError ? { loc: { file, line: result.error.line, column: result.error.column } } : {}) } });
          return [];
        }
      } else {
        return;
      }
      const entry = modules.get(file)?.entry ?? null;
      const described = entry ?? before;
      if (!described) return;
      const manifest = currentManifest();
      const payload: PycacheUpdatePayload = { type, module: described.module, source: described.source, entry, manifest };
      this.environment.hot.send({ type: 'custom', event: UPDATE_EVENT, data: payload });
      // The dev manifest module updates its object in place from this event (manifestModuleCode), so it needs
      // no module update of its own.
      return undefined;
    },

    api: {
      /** The manifest as it stands (dev: every Python module served so far), for other plugins. */
      manifest: (): PycacheManifest => currentManifest(),
    },
  };

  function manifestModuleCode(context: { environment?: { config: { consumer: string } } }): string {
    if (!isDev) return `const manifest = "${PLACEHOLDER}";\nexport default manifest;\n`;
    if (context.environment?.config.consumer === 'client') {
      // The browser fetches every static import before running any of them, so by now the dev server has
      // loaded them all and the manifest it serves is complete.
      // Later changes arrive with every `pycache:update` event: the imported object is updated in place, so
      // code holding it always sees the manifest the dev server serves.
      const url = JSON.stringify(devManifestUrl());
      return [
        `const response = await fetch(${url});`,
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
    return `export default ${JSON.stringify(currentManifest())};\n`;
  }
}

/**
 * The `precompile` option (issue 7): `.pyc` bytes by manifest cache path, compiled by the target's own
 * interpreter (Pyodide in Node, `plugins/precompile`). Loaded lazily: a build without the option never loads it.
 * [stdlib branch] Through the bytecode cache folder (`node_modules/.cache/pycache-kit`): only changed modules
 * compile; `log` gets the line saying what was compiled and what came from the cache.
 */
async function precompileModules(options: ResolvedPycacheOptions, modules: ReadonlyMap<string, ModuleRecord>, projectRoot: string, log: (line: string) => void): Promise<Map<string, Uint8Array>> {
  if (options.precompile === false || modules.size === 0) return new Map();
  const { precompileCached, describeCachedPrecompile } = await import('./precompile/cached-precompile.js');
  const { FolderBuildCache, defaultCacheDir } = await import('./common/build-cache.js');
  const result = await precompileCached({
    modules: [...modules.values()].map(({ entry, bytes }) => ({ source: entry.source, cache: entry.cache, bytes: bytes ?? new Uint8Array(0) })),
    target: options.target,
    mode: options.precompile.invalidationMode,
    optimizations: options.optimizations,
    projectRoot,
    cache: new FolderBuildCache(defaultCacheDir(projectRoot)),
  });
  log(describeCachedPrecompile(result));
  return result.pycs;
}

/**
 * [stdlib branch] Options `pyodide` and `stdlib` in a build (plugins/common/pyodide-outputs.ts), loaded lazily:
 * the runtime files and the stdlib archive to emit and the manifest's `pyodide` field.
 */
async function runtimeOutputs(options: ResolvedPycacheOptions, modules: ReadonlyMap<string, ModuleRecord>, projectRoot: string, log: (line: string) => void): Promise<{ assets: Map<string, Uint8Array>; field?: ManifestPyodide }> {
  if (!options.pyodide && options.stdlib === false) return { assets: new Map() };
  const { pyodideOutputs } = await import('./common/pyodide-outputs.js');
  const { FolderBuildCache, defaultCacheDir } = await import('./common/build-cache.js');
  const encodings = [...modules.values()].map((record) => record.entry.encoding);
  return pyodideOutputs({ options, projectRoot, encodings, cache: new FolderBuildCache(defaultCacheDir(projectRoot)), log });
}

/** [stdlib branch] The dev server's side of the `pyodide` option. */
interface DevPyodideRuntime {
  request(url: string): { body: Uint8Array; type: string } | undefined;
  field: ManifestPyodide | undefined;
}

async function devPyodideRuntime(options: ResolvedPycacheOptions, projectRoot: string, base: string): Promise<DevPyodideRuntime> {
  const { projectPyodide, pyodideRuntimeRequest, manifestPyodideField } = await import('./common/pyodide-runtime.js');
  const pkg = projectPyodide(options.target, projectRoot);
  return { request: (url) => pyodideRuntimeRequest(pkg, base, url), field: manifestPyodideField(options.manifest, { runtime: pkg }) };
}

function makeFilter(options: ResolvedPycacheOptions, root: string) {
  return createFilter(options.include, options.exclude, { resolve: root });
}

function isDefaultInclude(options: PycacheOptions): boolean {
  return options.include === undefined || (Array.isArray(options.include) && options.include.join() === DEFAULT_INCLUDE.join());
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function joinUrl(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}
