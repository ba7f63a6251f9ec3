import type { StdlibCompression } from './stdlib-archive.js';
import { PycacheOptionError } from './options.js';

/** The `stdlib` option in object form. */
export interface StdlibOption {
  /** Stdlib modules to keep although nothing reaches them: dotted names, `pkg.*`, or `*` (all). @default none */
  include?: readonly string[];
  /** Ship each module's source beside its bytecode, so tracebacks show source lines (about +45% bytes gzip). @default true */
  sources?: boolean;
  /** How the archive's entries are stored. @default 'deflated' */
  compression?: StdlibCompression;
}

/** The `stdlib` option after validation. */
export type ResolvedStdlibOption = false | { include: readonly string[]; sources: boolean; compression: StdlibCompression };

/** Validates the `stdlib` option (`true`, `false` or {@link StdlibOption}). */
export function resolveStdlibOption(value: unknown): ResolvedStdlibOption {
  if (value === undefined || value === false) return false;
  if (value === true) return { include: [], sources: true, compression: 'deflated' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PycacheOptionError('stdlib', `must be true, false or { include, sources, compression }, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }
  const known = ['include', 'sources', 'compression'];
  const extra = Object.keys(value).filter((key) => !known.includes(key));
  if (extra.length > 0) throw new PycacheOptionError('stdlib', `has no field "${extra[0]}"; known fields: ${known.join(', ')}`);
  const { include = [], sources = true, compression = 'deflated' } = value as StdlibOption;
  if (!Array.isArray(include) || include.some((name) => typeof name !== 'string' || !/^(\*|[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*(\.\*)?)$/.test(name))) {
    throw new PycacheOptionError('stdlib', 'include must be an array of dotted module names, `pkg.*` or `*`');
  }
  if (typeof sources !== 'boolean') throw new PycacheOptionError('stdlib', 'sources must be true or false');
  if (compression !== 'deflated' && compression !== 'stored') throw new PycacheOptionError('stdlib', "compression must be 'deflated' or 'stored'");
  return { include: [...include], sources, compression };
}

/** Validates the `pyodide` option. */
export function resolvePyodideOption(value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new PycacheOptionError('pyodide', `must be true or false, got ${String(value)}`);
  return value;
}
