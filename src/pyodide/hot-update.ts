import { fileReader, type FetchLike, type FilesOption } from './file-source.js';
import { verifySource } from './integrity.js';
import { fsRoot } from './interpreter.js';
import type { ManifestModule } from './manifest.js';
import { assertRelativePath, validateModuleEntry } from './validate-manifest.js';
import type { PyodideLike } from './pyodide-like.js';
import { runPythonJson } from './run-python.js';
import { DEFAULT_ROOT, UPDATE_EVENT, type PycacheUpdatePayload } from '../contract/index.js';

export { UPDATE_EVENT } from '../contract/index.js';

/** Options of {@link applyUpdate}: where to read the new source and where the bundle was installed. */
export interface UpdateOptions {
  /** As for `installModules`; the dev server serves the sources there. */
  baseUrl?: string;
  /** As for `installModules`. */
  files?: FilesOption;
  /** As for `installModules`. */
  fetch?: FetchLike;
  /** The root given to `installModules`. @default '/home/pyodide' */
  root?: string;
  /** Check size and SHA-256 against the entry. @default true */
  verify?: boolean;
}

/** What {@link applyUpdate} did. */
export interface UpdateResult {
  /** The module's dotted name. */
  readonly module: string;
  /** Whether the module was imported, and so reloaded with `importlib.reload` (or, deleted, forgotten). */
  readonly reloaded: boolean;
  /** True when the file was deleted: its source and bytecode are removed and it leaves `sys.modules`. */
  readonly deleted?: boolean;
}

/** What {@link applyUpdate} reads of the Vite plugin's `pycache:update` event (the entry is `null` after a delete). */
export type UpdatePayload = Readonly<Pick<PycacheUpdatePayload, 'type' | 'module' | 'source' | 'entry'>>;

const DELETE_PY = `
import sys, os, importlib, importlib.util
path = ARG['path']
for level in ('', 1, 2):
    try:
        os.remove(importlib.util.cache_from_source(path, optimization=level))
    except OSError:
        pass
try:
    os.remove(path)
except OSError:
    pass
importlib.invalidate_caches()
result = sys.modules.pop(ARG['module'], None) is not None
`;

const RELOAD_PY = `
import sys, importlib
importlib.invalidate_caches()
module = sys.modules.get(ARG['module'])
if module is not None:
    importlib.reload(module)
result = module is not None
`;

/**
 * Applies one `pycache:update` payload (the Vite plugin's event data, or a bare manifest entry): rewrites the
 * module's source, removes its `.pyc` files (their hash no longer matches, and an unchecked-hash one would
 * otherwise still be used), invalidates the import caches, and `importlib.reload`s the module if it was
 * imported. A deleted file is removed with its bytecode and dropped from `sys.modules`. Other modules are
 * left as they are.
 */
export async function applyUpdate(
  pyodide: PyodideLike,
  payload: UpdatePayload | ManifestModule | unknown,
  options: UpdateOptions = {},
): Promise<UpdateResult> {
  const base = fsRoot(options.root ?? DEFAULT_ROOT);
  if (isDeletion(payload)) {
    assertRelativePath(payload.source, 'pycache:update payload.source');
    const reloaded = runPythonJson<boolean>(pyodide, DELETE_PY, {
      path: `${base}/${payload.source}`,
      module: payload.module,
    });
    return { module: payload.module, reloaded, deleted: true };
  }
  const entry: ManifestModule = validateModuleEntry(unwrap(payload), 'pycache:update payload');
  const source = await fileReader(cacheBusting(options))(entry.source, 'source');
  if (source === undefined) throw new Error(`pycache-kit/pyodide: no contents for ${entry.source}`);
  if (options.verify ?? true) await verifySource(entry, source);
  for (const path of Object.values(entry.cache)) {
    try {
      pyodide.FS.unlink(`${base}/${path}`);
    } catch {
      // Not installed (no bytecode for this level): nothing to remove.
    }
  }
  const file = `${base}/${entry.source}`;
  pyodide.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')) || '/');
  pyodide.FS.writeFile(file, source);
  const reloaded = runPythonJson<boolean>(pyodide, RELOAD_PY, { module: entry.module });
  return { module: entry.module, reloaded };
}

/** The part of Vite's `import.meta.hot` (or any event emitter) that {@link acceptUpdates} uses. */
export interface HotEventSource {
  on(event: typeof UPDATE_EVENT, listener: (payload: unknown) => void): void;
}

/**
 * Listens for `pycache:update` on `hot` (`import.meta.hot` in Vite) and applies each update in order.
 * `onUpdate` sees each result or error (default: errors go to `console.error`).
 */
export function acceptUpdates(
  hot: HotEventSource,
  pyodide: PyodideLike,
  options: UpdateOptions & { onUpdate?: (result: UpdateResult | undefined, error?: unknown) => void } = {},
): void {
  let queue: Promise<unknown> = Promise.resolve();
  const report =
    options.onUpdate ??
    ((_result, error) => {
      if (error !== undefined) console.error(error);
    });
  hot.on(UPDATE_EVENT, (payload: unknown) => {
    queue = queue
      .then(() => applyUpdate(pyodide, payload, options))
      .then(
        (result) => report(result),
        (error: unknown) => report(undefined, error),
      );
  });
}

/** The manifest entry in a payload: the Vite plugin's `{ type, entry, … }`, or an entry sent as is. */
function unwrap(payload: unknown): unknown {
  if (typeof payload === 'object' && payload !== null) {
    const record = payload as Record<string, unknown>;
    if (typeof record.entry === 'object' && record.entry !== null) return record.entry;
  }
  return payload;
}

function isDeletion(payload: unknown): payload is UpdatePayload {
  if (typeof payload !== 'object' || payload === null) return false;
  const record = payload as Record<string, unknown>;
  return record.type === 'delete' && typeof record.module === 'string' && typeof record.source === 'string';
}

/** A fresh URL per update so an HTTP cache never answers with the old source. */
function cacheBusting(options: UpdateOptions): UpdateOptions {
  if (options.files !== undefined) return options;
  const fetchFn = options.fetch ?? ((url: string) => fetch(url));
  const stamp = Date.now().toString(36);
  return { ...options, fetch: (url) => fetchFn(`${url}${url.includes('?') ? '&' : '?'}t=${stamp}`) };
}
