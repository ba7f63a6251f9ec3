/** File contents as accepted from a `files` map or function; strings are written as UTF-8. */
export type FileData = Uint8Array | ArrayBuffer | string;

/** What a `files` option may be: a map (object or `Map`) from manifest path to contents, or a function. */
export type FilesOption =
  | Readonly<Record<string, FileData>>
  | ReadonlyMap<string, FileData>
  | ((path: string, kind: FileKind) => FileData | undefined | null | Promise<FileData | undefined | null>);

/** `'source'` for a `.py` file, `'bytecode'` for a `.pyc`. */
export type FileKind = 'source' | 'bytecode';

/** The subset of `Response` used; any `fetch` implementation fits. */
export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly headers?: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A `fetch`-compatible function. */
export type FetchLike = (url: string) => Promise<FetchResponseLike>;

/** Reads manifest paths as bytes; `undefined` when the file is absent. */
export type FileReader = (path: string, kind: FileKind) => Promise<Uint8Array | undefined>;

/**
 * A reader over `files` when given, else over `fetch(baseUrl + path)`. A missing source is an error naming
 * the path and URL; a missing `.pyc` is `undefined` (the bundle may have been built without bytecode).
 */
export function fileReader(options: { baseUrl?: string; files?: FilesOption; fetch?: FetchLike }): FileReader {
  const { files } = options;
  if (files !== undefined) {
    return async (path, kind) => {
      const data =
        typeof files === 'function'
          ? await files(path, kind)
          : isMap(files)
            ? files.get(path)
            : Object.hasOwn(files, path)
              ? files[path]
              : undefined;
      if (data === undefined || data === null) {
        if (kind === 'source') throw new Error(`pycache-kit/pyodide: the files option has no contents for ${path}`);
        return undefined;
      }
      return toBytes(data);
    };
  }
  const fetchFn: FetchLike | undefined =
    options.fetch ?? (typeof fetch === 'function' ? (url) => fetch(url) : undefined);
  if (!fetchFn)
    throw new Error('pycache-kit/pyodide: no fetch in this environment: pass the files option or a fetch function');
  const base = options.baseUrl ?? '';
  return async (path, kind) => {
    const url = joinUrl(base, path);
    let response: FetchResponseLike;
    try {
      response = await fetchFn(url);
    } catch (error) {
      throw new Error(`pycache-kit/pyodide: fetching ${path} from ${url} failed: ${String(error)}`, { cause: error });
    }
    if (!response.ok) {
      if (kind === 'bytecode') return undefined;
      throw new Error(
        `pycache-kit/pyodide: fetching ${path} from ${url} failed with HTTP ${response.status}; is baseUrl right and were sources emitted (emitSources)?`,
      );
    }
    // A dev server's HTML fallback for an unknown path is not bytecode.
    if (kind === 'bytecode' && /text\/html/i.test(response.headers?.get('content-type') ?? '')) return undefined;
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** `base` and a relative POSIX path joined with one slash, each segment URL-encoded. */
export function joinUrl(base: string, path: string): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  if (base === '') return encoded;
  return base.endsWith('/') ? base + encoded : `${base}/${encoded}`;
}

function toBytes(data: FileData): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof Uint8Array) return data;
  return new Uint8Array(data);
}

function isMap(value: unknown): value is ReadonlyMap<string, FileData> {
  return typeof Map !== 'undefined' && value instanceof Map;
}
