import type { ArchiveRecord } from '../contract/index.js';
import { readArchive } from './archive.js';
import { fileReader, joinUrl, type FetchLike } from './file-source.js';
import { installModules, type InstallResult } from './install-modules.js';
import { cacheKey, toHex, type PycacheManifest } from './manifest.js';
import { validateManifest } from './validate-manifest.js';
import type { ManifestLevel } from '../contract/index.js';
import type { PyodideLike } from './pyodide-like.js';

/** A `loadPyodide` function (the `pyodide` package's, or any that resolves to a Pyodide instance). */
export type LoadPyodideLike<P extends PyodideLike> = (
  options: { indexURL?: string } & Record<string, unknown>,
) => Promise<P>;

/** Options of {@link loadPython}. */
export interface LoadPythonOptions<P extends PyodideLike = PyodideLike> {
  /**
   * Where Pyodide's runtime files are (`loadPyodide`'s `indexURL`); without `loadPyodide`, its `pyodide.mjs` is
   * imported from there at run time. @default the `pyodide` package's own location
   */
  indexURL?: string;
  /** The `loadPyodide` to call. @default `loadPyodide` of the `pyodide` package, imported on first use */
  loadPyodide?: LoadPyodideLike<P>;
  /** More options for `loadPyodide` (`stdout`, `packages`, `stdLibURL`…). */
  pyodideOptions?: Record<string, unknown>;
  /** A `fetch` for the manifest and the bundle. @default the global one */
  fetch?: FetchLike;
  /** As for `installModules`. @default '/home/pyodide' */
  root?: string;
  /** Levels whose `.pyc` to install. @default 0 (Pyodide's `sys.flags.optimize`) */
  optimization?: number | readonly number[];
  /** Check the archive's and each source's size and SHA-256. @default true */
  verify?: boolean;
  /** Called once the bundle is installed, with what `installModules` did and how long each step took. */
  onInstalled?: (result: LoadPythonResult) => void;
}

/** What {@link loadPython} reports through `onInstalled`. */
export interface LoadPythonResult extends InstallResult {
  /** The archive fetched, or null when the files were fetched one by one. */
  readonly archive: ArchiveRecord | null;
  /** HTTP requests made for the Python part (manifest included). */
  readonly requests: number;
  /** Milliseconds, from the call: Pyodide booted, bundle fetched and checked, bundle installed. */
  readonly timings: { readonly pyodide: number; readonly fetched: number; readonly installed: number };
}

/**
 * One call in the page: loads Pyodide and, at the same time, the bundle the manifest at `manifestUrl` describes
 * (its archive when the build made one: one request, its size and SHA-256 checked against the manifest and each
 * entry's CRC-32; else each source and `.pyc`), then installs it with every check `installModules` makes (the
 * interpreter is the one the bundle was built for, each source's size and SHA-256, each `.pyc`'s magic number and
 * hash-based header) and resolves to the Pyodide instance, ready for `import app`.
 */
export async function loadPython<P extends PyodideLike = PyodideLike>(
  manifestUrl: string | URL,
  options: LoadPythonOptions<P> = {},
): Promise<P> {
  const start = now();
  const url = absoluteUrl(manifestUrl);
  const baseUrl = url.slice(0, url.lastIndexOf('/') + 1);
  const fetchFn: FetchLike | undefined = options.fetch ?? (typeof fetch === 'function' ? (u) => fetch(u) : undefined);
  if (!fetchFn) throw new Error('pycache-kit/pyodide: no fetch in this environment: pass the fetch option');
  let pyodideAt = 0;
  const booting = bootPyodide(options).then((pyodide) => {
    pyodideAt = now() - start;
    return pyodide;
  });
  // Nothing waits for the interpreter until the bundle is here; a failed boot must not go unhandled meanwhile.
  booting.catch(() => {});
  const bundle = fetchBundle(url, baseUrl, fetchFn, options);
  const [pyodide, { manifest, files, requests }] = await Promise.all([booting, bundle]);
  const fetched = now() - start;
  const installed = await installModules(pyodide, manifest, {
    files: (path) => files.get(path),
    root: options.root,
    optimization: options.optimization,
    verify: options.verify,
  });
  options.onInstalled?.({
    ...installed,
    archive: manifest.archive ?? null,
    requests,
    timings: { pyodide: pyodideAt, fetched, installed: now() - start },
  });
  return pyodide;
}

/**
 * `options.loadPyodide`; else, with `indexURL`, the `pyodide.mjs` there (imported at run time, so no bundler tries
 * to bundle Pyodide); else the `pyodide` package's.
 */
async function bootPyodide<P extends PyodideLike>(options: LoadPythonOptions<P>): Promise<P> {
  const { indexURL } = options;
  let load = options.loadPyodide;
  if (load === undefined && indexURL !== undefined) {
    const url = `${indexURL.endsWith('/') ? indexURL : `${indexURL}/`}pyodide.mjs`;
    load = ((await import(/* @vite-ignore */ /* webpackIgnore: true */ url)) as { loadPyodide: LoadPyodideLike<P> })
      .loadPyodide;
  }
  load ??= (await import('pyodide')).loadPyodide as unknown as LoadPyodideLike<P>;
  return load({ ...options.pyodideOptions, ...(indexURL === undefined ? {} : { indexURL }) });
}

/** The manifest, and the bytes of every file it names that the build shipped, by manifest path. */
async function fetchBundle(
  url: string,
  baseUrl: string,
  fetchFn: FetchLike,
  options: LoadPythonOptions<PyodideLike>,
): Promise<{ manifest: PycacheManifest; files: Map<string, Uint8Array>; requests: number }> {
  const response = await fetchFn(url).catch((error: unknown) => {
    throw new Error(`pycache-kit/pyodide: fetching the manifest ${url} failed: ${String(error)}`, { cause: error });
  });
  if (!response.ok)
    throw new Error(`pycache-kit/pyodide: fetching the manifest ${url} failed with HTTP ${response.status}`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(await response.arrayBuffer()));
  } catch (error) {
    throw new Error(`pycache-kit/pyodide: the manifest ${url} is not JSON: ${String(error)}`, { cause: error });
  }
  const manifest = validateManifest(json);
  if (manifest.archive !== undefined) {
    const record = manifest.archive;
    const archiveUrl = joinUrl(baseUrl, record.file);
    const got = await fetchFn(archiveUrl).catch((error: unknown) => {
      throw new Error(`pycache-kit/pyodide: fetching the archive ${archiveUrl} failed: ${String(error)}`, {
        cause: error,
      });
    });
    if (!got.ok)
      throw new Error(
        `pycache-kit/pyodide: fetching the archive ${archiveUrl} failed with HTTP ${got.status}; was it deployed next to the manifest?`,
      );
    const bytes = new Uint8Array(await got.arrayBuffer());
    if (options.verify ?? true) await verifyArchive(record, bytes);
    return { manifest, files: readArchive(bytes, record.file), requests: 2 };
  }
  // No archive (a dev server, or archive: false): every source and `.pyc`, all requests at once.
  const read = fileReader({ baseUrl, fetch: fetchFn });
  // installModules refuses other levels with its own error; here they only select files to fetch.
  const levels = (
    options.optimization === undefined
      ? [0]
      : typeof options.optimization === 'number'
        ? [options.optimization]
        : [...options.optimization]
  ).filter((level): level is ManifestLevel => level === 0 || level === 1 || level === 2);
  const wantBytecode = manifest.bytecode !== null;
  const jobs: [string, 'source' | 'bytecode'][] = [];
  for (const entry of manifest.modules) {
    jobs.push([entry.source, 'source']);
    if (!wantBytecode) continue;
    for (const level of levels) {
      const path = entry.cache[cacheKey(level)];
      if (path !== undefined) jobs.push([path, 'bytecode']);
    }
  }
  const files = new Map<string, Uint8Array>();
  await Promise.all(
    jobs.map(async ([path, kind]) => {
      const bytes = await read(path, kind);
      if (bytes !== undefined) files.set(path, bytes);
    }),
  );
  return { manifest, files, requests: 1 + jobs.length };
}

/** The archive must be the one the manifest names: its size, then its SHA-256 (where Web Crypto exists). */
async function verifyArchive(record: ArchiveRecord, bytes: Uint8Array): Promise<void> {
  if (bytes.byteLength !== record.size) {
    throw new Error(
      `pycache-kit/pyodide: ${record.file} is ${bytes.byteLength} bytes but the manifest says ${record.size}; it was changed after the build or served rewritten`,
    );
  }
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return;
  const digest = toHex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
  if (digest !== record.sha256) {
    throw new Error(
      `pycache-kit/pyodide: ${record.file} has SHA-256 ${digest} but the manifest says ${record.sha256}; it was changed after the build or served rewritten`,
    );
  }
}

/** `manifestUrl` made absolute against the page (browsers); kept as given where there is no page (Node). */
function absoluteUrl(manifestUrl: string | URL): string {
  if (manifestUrl instanceof URL) return manifestUrl.href;
  const page =
    (globalThis as { document?: { baseURI?: string }; location?: { href?: string } }).document?.baseURI ??
    (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(manifestUrl, page).href;
  } catch {
    return manifestUrl;
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
