import type { ArchiveRecord } from '../contract/index.js';
import { readArchive } from './archive.js';
import { fileReader, joinUrl, type FetchLike } from './file-source.js';
import { installModules, type InstallResult } from './install-modules.js';
import { cacheKey, toHex, type PycacheManifest } from './manifest.js';
import { validateManifest } from './validate-manifest.js';
import { pyodideLocation } from './pyodide-location.js';
import type { ManifestLevel } from '../contract/index.js';
import type { PyodideLike } from './pyodide-like.js';

/** A `loadPyodide` function (the `pyodide` package's, or any that resolves to a Pyodide instance). */
export type LoadPyodideLike<P extends PyodideLike> = (
  options: { indexURL?: string; stdLibURL?: string } & Record<string, unknown>,
) => Promise<P>;

/** Options of {@link loadPython}. */
export interface LoadPythonOptions<P extends PyodideLike = PyodideLike> {
  /**
   * Where Pyodide's runtime files are (`loadPyodide`'s `indexURL`); without `loadPyodide`, its `pyodide.mjs` is
   * imported from there at run time. Given, it wins over the runtime the manifest names, whose stdlib archive is
   * then not used either (it was built for that runtime: pass `pyodideOptions.stdLibURL` to use it anyway).
   * @default the runtime the manifest names (build option `pyodide`), else the `pyodide` package's own location
   */
  indexURL?: string;
  /**
   * The `loadPyodide` to call. Given, it wins over the runtime the manifest names, as `indexURL` does.
   * @default the manifest's runtime's, else `loadPyodide` of the `pyodide` package, imported on first use
   */
  loadPyodide?: LoadPyodideLike<P>;
  /** More options for `loadPyodide` (`stdout`, `packages`, `stdLibURL`…); they win over the manifest's URLs. */
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
  /** The manifest, as fetched and checked. */
  readonly manifest: PycacheManifest;
  /** The archive fetched, or null when the files were fetched one by one. */
  readonly archive: ArchiveRecord | null;
  /** HTTP requests made for the Python part (manifest included; not the runtime's own files). */
  readonly requests: number;
  /**
   * How Pyodide was loaded: `'manifest'` (the runtime the manifest names, its `pyodide.mjs` imported), `'package'`
   * (the `pyodide` package), `'options'` (`indexURL` or `loadPyodide` given); and the `indexURL` and `stdLibURL`
   * passed to `loadPyodide` (absent when not passed).
   */
  readonly pyodideFrom: {
    readonly source: 'manifest' | 'package' | 'options';
    readonly indexURL?: string;
    readonly stdLibURL?: string;
  };
  /** Milliseconds, from the call: manifest fetched, Pyodide booted, bundle fetched and checked, bundle installed. */
  readonly timings: {
    readonly manifest: number;
    readonly pyodide: number;
    readonly fetched: number;
    readonly installed: number;
  };
}

/**
 * One call in the page: fetches the manifest at `manifestUrl`, then loads Pyodide and, at the same time, the bundle
 * the manifest describes (its archive when the build made one: one request, its size and SHA-256 checked against
 * the manifest and each entry's CRC-32; else each source and `.pyc`), installs it with every check
 * `installModules` makes (the interpreter is the one the bundle was built for, each source's size and SHA-256,
 * each `.pyc`'s magic number and hash-based header) and resolves to the Pyodide instance, ready for `import app`.
 *
 * Pyodide comes from the runtime the manifest's `pyodide` field names (build option `pyodide`; URLs relative to
 * the manifest), with the app's precompiled stdlib archive as `stdLibURL` when the build made one (option
 * `stdlib`). So the manifest is fetched first, before Pyodide starts: one small request ahead of the boot; the
 * archive is then fetched while Pyodide boots. Where modules cannot be imported from URLs (Node), the `pyodide`
 * package is loaded instead, with the manifest's `stdLibURL`, and must be the release the manifest names.
 * `options.indexURL` or `options.loadPyodide` win over the manifest's runtime (and its stdlib archive);
 * `options.pyodideOptions` wins over both.
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
  const manifest = await fetchManifest(url, fetchFn);
  const manifestAt = now() - start;
  let pyodideAt = 0;
  const plan = bootPlan(manifest, url, options);
  const booting = bootPyodide(plan, manifest, url, options).then((pyodide) => {
    pyodideAt = now() - start;
    return pyodide;
  });
  // Nothing waits for the interpreter until the bundle is here; a failed boot must not go unhandled meanwhile.
  booting.catch(() => {});
  const bundle = fetchBundle(manifest, baseUrl, fetchFn, options);
  const [pyodide, { files, requests }] = await Promise.all([booting, bundle]);
  const fetched = now() - start;
  const installed = await installModules(pyodide, manifest, {
    files: (path) => files.get(path),
    root: options.root,
    optimization: options.optimization,
    verify: options.verify,
  });
  options.onInstalled?.({
    ...installed,
    manifest,
    archive: manifest.archive ?? null,
    requests: 1 + requests,
    pyodideFrom: {
      source: plan.source,
      ...(plan.args.indexURL === undefined ? {} : { indexURL: plan.args.indexURL }),
      ...(plan.args.stdLibURL === undefined ? {} : { stdLibURL: plan.args.stdLibURL }),
    },
    timings: { manifest: manifestAt, pyodide: pyodideAt, fetched, installed: now() - start },
  });
  return pyodide;
}

/** The npm package `loadPython` falls back to (resolved where pycache-kit is installed). */
const PYODIDE_PACKAGE = 'pyodide';

/** Which `loadPyodide` to call and with which URLs. */
interface BootPlan {
  readonly source: 'manifest' | 'package' | 'options';
  /** `loadPyodide`'s options: `pyodideOptions` over the chosen `indexURL` and `stdLibURL`. */
  readonly args: { indexURL?: string; stdLibURL?: string } & Record<string, unknown>;
  /** The runtime's `pyodide.mjs` to import, when `source` is `'manifest'` (or `'options'` with only `indexURL`). */
  readonly importFrom?: string;
}

/**
 * The options win (`loadPyodide`, `indexURL`), then the runtime the manifest names (imported from its URL in
 * browsers; in runtimes that cannot import modules from URLs, Node, the `pyodide` package with the manifest's
 * stdlib), then the `pyodide` package with the manifest's stdlib when the manifest names only that.
 */
function bootPlan(manifest: PycacheManifest, manifestUrl: string, options: LoadPythonOptions<PyodideLike>): BootPlan {
  const extra = options.pyodideOptions ?? {};
  const withIndex = (indexURL: string | undefined) => (indexURL === undefined ? {} : { indexURL: slash(indexURL) });
  if (options.loadPyodide !== undefined || options.indexURL !== undefined) {
    const args = { ...withIndex(options.indexURL), ...extra };
    return {
      source: 'options',
      args,
      ...(options.loadPyodide === undefined && args.indexURL !== undefined
        ? { importFrom: `${slash(String(args.indexURL))}pyodide.mjs` }
        : {}),
    };
  }
  const location = pyodideLocation(manifest, manifestUrl);
  const stdlib = location.stdLibURL === undefined ? {} : { stdLibURL: location.stdLibURL };
  if (location.indexURL !== undefined && canImportUrls()) {
    const args = { ...withIndex(location.indexURL), ...stdlib, ...extra };
    return { source: 'manifest', args, importFrom: `${slash(String(args.indexURL))}pyodide.mjs` };
  }
  return { source: 'package', args: { ...stdlib, ...extra } };
}

/** Imports the plan's `loadPyodide` and calls it. */
async function bootPyodide<P extends PyodideLike>(
  plan: BootPlan,
  manifest: PycacheManifest,
  manifestUrl: string,
  options: LoadPythonOptions<P>,
): Promise<P> {
  let load = options.loadPyodide;
  if (load === undefined && plan.importFrom !== undefined) {
    const from = plan.importFrom;
    const module = (await import(/* @vite-ignore */ /* webpackIgnore: true */ from).catch((error: unknown) => {
      throw new Error(`pycache-kit/pyodide: importing Pyodide from ${from} failed: ${String(error)}`, {
        cause: error,
      });
    })) as { loadPyodide: LoadPyodideLike<P> };
    load = module.loadPyodide;
  }
  if (load === undefined) {
    let pkg: { loadPyodide: unknown; version?: unknown };
    try {
      // By name at run time, not bundled: a bundler would pull Pyodide's Node branches into the page.
      pkg = (await import(/* @vite-ignore */ /* webpackIgnore: true */ PYODIDE_PACKAGE)) as {
        loadPyodide: unknown;
        version?: unknown;
      };
    } catch (error) {
      const why =
        manifest.pyodide?.indexURL !== undefined
          ? `the runtime the manifest names (${manifest.pyodide.indexURL}) cannot be imported from a URL here`
          : `the manifest ${manifestUrl} names no Pyodide runtime (build with the pyodide option)`;
      throw new Error(
        `pycache-kit/pyodide: loadPython has no Pyodide to load: ${why}, no indexURL or loadPyodide option was given, and the pyodide package could not be imported (${String(error)})`,
        { cause: error },
      );
    }
    const wanted = manifest.pyodide?.version;
    if (wanted !== undefined && plan.args.stdLibURL !== undefined && pkg.version !== wanted) {
      // The app's stdlib archive holds what that release needs to start, compiled by its interpreter.
      throw new Error(
        `pycache-kit/pyodide: the manifest's runtime is Pyodide ${wanted} but the pyodide package here is ${String(pkg.version)}; install pyodide@${wanted} or pass indexURL/loadPyodide`,
      );
    }
    load = pkg.loadPyodide as LoadPyodideLike<P>;
  }
  // A copy: loadPyodide writes its resolved settings into the object it gets.
  return load({ ...plan.args });
}

/** Browsers (pages and workers) import modules from http(s) URLs; Node, Bun and Deno's Pyodide read files. */
function canImportUrls(): boolean {
  const g = globalThis as { document?: unknown; WorkerGlobalScope?: unknown };
  return g.document !== undefined || g.WorkerGlobalScope !== undefined;
}

function slash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The manifest at `url`, fetched and checked whole. */
async function fetchManifest(url: string, fetchFn: FetchLike): Promise<PycacheManifest> {
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
  return validateManifest(json);
}

/** The bytes of every file the manifest names that the build shipped, by manifest path; requests made. */
async function fetchBundle(
  manifest: PycacheManifest,
  baseUrl: string,
  fetchFn: FetchLike,
  options: LoadPythonOptions<PyodideLike>,
): Promise<{ files: Map<string, Uint8Array>; requests: number }> {
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
    return { files: readArchive(bytes, record.file), requests: 1 };
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
  return { files, requests: jobs.length };
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
