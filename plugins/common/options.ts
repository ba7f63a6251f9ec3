import { isAbsolute } from 'node:path';
import type { FilterPattern } from '@rollup/pluginutils';
import { pythonTarget } from '../../src/index.js';
import type { PythonTarget, PythonTargetSpec } from '../../src/index.js';
import { DEFAULT_MANIFEST_FILE } from './manifest.js';
import { resolvePyodideOption, resolveStdlibOption } from './stdlib-options.js';
import type { ResolvedStdlibOption, StdlibOption } from './stdlib-options.js';

/** An optimization level as `importlib.util.cache_from_source(path, optimization=…)` names it: 0 is no `opt-` tag. */
export type OptimizationLevel = 0 | 1 | 2;

/** How `.pyc` files are invalidated (PEP 552); used by the `precompile` option. */
export type InvalidationMode = 'checked-hash' | 'unchecked-hash';

/** The `precompile` option in object form. */
export interface PrecompileOptions {
  /** @default 'checked-hash' */
  invalidationMode?: InvalidationMode;
}

/** Options shared by the Vite/Rollup/Rolldown plugin, the webpack plugin and loader, and the CLI. */
export interface PycacheOptions {
  /**
   * The Python that will run the code: a version (`'3.12'`), a cache tag (`'cpython-312'`) or a partial target.
   * @default the Python of the `pyodide` package installed in the project, else the core's default
   */
  python?: PythonTargetSpec;
  /** Folders that act as `sys.path` entries, relative to the project root. @default the project root */
  roots?: string | readonly string[];
  /** Which files are Python sources (Vite/Rollup filter semantics). @default ['**\/*.py', '**\/*.pyw'] */
  include?: FilterPattern;
  /** Files never treated as Python sources. @default none */
  exclude?: FilterPattern;
  /** One `cache` entry per level in the manifest. @default the target's `optimize` (0) */
  optimizations?: OptimizationLevel | readonly OptimizationLevel[];
  /** File name of the manifest, relative to the output folder; `false` to emit none. @default 'pycache-manifest.json' */
  manifest?: string | false;
  /** Also emit every source as an asset at its manifest path (relative to the manifest's folder). @default false */
  emitSources?: boolean;
  /** Emit real `.pyc` files at the manifest's cache paths, compiled by the target's Pyodide (`plugins/precompile`). @default false */
  precompile?: boolean | PrecompileOptions;
  // [stdlib branch] options `stdlib` and `pyodide` (plugins/common/stdlib-options.ts).
  /** Compile the stdlib the app reaches, and what Pyodide needs to start, into the stdlib archive Pyodide loads. @default false */
  stdlib?: boolean | StdlibOption;
  /** Serve (dev) and emit (build) the Pyodide runtime from the project's own `pyodide` package. @default false */
  pyodide?: boolean;
}

/** {@link PycacheOptions} after validation, with every default applied. */
export interface ResolvedPycacheOptions {
  target: PythonTarget;
  /** Whether `target` came from the user (`'option'`), the project's `pyodide` package, or the core default. */
  targetSource: 'option' | 'pyodide' | 'default';
  /** Root folders as given (resolution to absolute paths is {@link resolveRoots}'s job). */
  roots: readonly string[] | undefined;
  include: FilterPattern;
  exclude: FilterPattern;
  /** Unique levels, ascending. */
  optimizations: readonly OptimizationLevel[];
  manifest: string | false;
  emitSources: boolean;
  precompile: false | Required<PrecompileOptions>;
  /** [stdlib branch] */
  stdlib: ResolvedStdlibOption;
  /** [stdlib branch] */
  pyodide: boolean;
}

/** A bad option; `option` names it and the message says what was expected. */
export class PycacheOptionError extends TypeError {
  override name = 'PycacheOptionError';
  readonly option: string;

  constructor(option: string, message: string) {
    super(`pycache: option "${option}" ${message}`);
    this.option = option;
  }
}

/** The option names, in documentation order. */
export const OPTION_NAMES = ['python', 'roots', 'include', 'exclude', 'optimizations', 'manifest', 'emitSources', 'precompile', 'stdlib', 'pyodide'] as const;

/** The default `include`: what CPython imports as source on any platform (`.pyw` on Windows). */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.py', '**/*.pyw'];

/**
 * Validates `raw` and applies the defaults. `defaultTarget` is called only when `python` is not given
 * (the hosts pass {@link detectProjectPython}). Every error is a {@link PycacheOptionError} naming the option.
 */
export function resolveOptions(
  raw: unknown,
  defaultTarget: () => { target: PythonTarget; source: 'pyodide' | 'default' } = () => ({ target: pythonTarget(), source: 'default' }),
): ResolvedPycacheOptions {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PycacheOptionError('options', `must be an object, got ${describe(raw)}`);
  }
  const options = raw as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key) && options[key] !== undefined) {
      throw new PycacheOptionError(key, `is not an option; known options: ${OPTION_NAMES.join(', ')}`);
    }
  }
  const { target, source } = options.python === undefined ? defaultTarget() : { target: resolveTarget(options.python), source: 'option' as const };
  return {
    target,
    targetSource: source,
    roots: resolveRootsOption(options.roots),
    include: resolvePattern('include', options.include) ?? [...DEFAULT_INCLUDE],
    exclude: resolvePattern('exclude', options.exclude) ?? null,
    optimizations: resolveOptimizations(options.optimizations, target),
    manifest: resolveManifestName(options.manifest),
    emitSources: resolveBoolean('emitSources', options.emitSources, false),
    precompile: resolvePrecompile(options.precompile),
    stdlib: resolveStdlibOption(options.stdlib), // [stdlib branch]
    pyodide: resolvePyodideOption(options.pyodide), // [stdlib branch]
  };
}

function resolveTarget(value: unknown): PythonTarget {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new PycacheOptionError('python', `must be a version such as '3.12', a cache tag or a target object, got ${describe(value)}`);
  }
  let target: PythonTarget;
  try {
    target = pythonTarget(value as PythonTargetSpec);
  } catch (error) {
    throw new PycacheOptionError('python', `is not a Python target: ${(error as Error).message}`);
  }
  if (target.cacheTag === null) {
    throw new PycacheOptionError('python', `names Python ${target.version} without a cache tag (sys.implementation.cache_tag is None), so it has no __pycache__ paths`);
  }
  if (target.pycachePrefix !== null) {
    // The manifest describes paths relative to a sys.path entry; a prefix makes them absolute.
    throw new PycacheOptionError('python', 'must not set pycachePrefix: manifest cache paths are __pycache__ paths relative to their root');
  }
  return target;
}

function resolveRootsOption(value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== 'string' || item === '')) {
    throw new PycacheOptionError('roots', `must be a folder or a non-empty array of folders (non-empty strings), got ${describe(value)}`);
  }
  return Object.freeze([...(list as string[])]);
}

function resolvePattern(name: 'include' | 'exclude', value: unknown): FilterPattern | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || value instanceof RegExp) return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || item instanceof RegExp)) return value as (string | RegExp)[];
  throw new PycacheOptionError(name, `must be a glob, a RegExp or an array of them, got ${describe(value)}`);
}

function resolveOptimizations(value: unknown, target: PythonTarget): readonly OptimizationLevel[] {
  if (value === undefined) return Object.freeze([target.optimize]);
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((level) => level !== 0 && level !== 1 && level !== 2)) {
    throw new PycacheOptionError('optimizations', `must be 0, 1, 2 or a non-empty array of them, got ${describe(value)}`);
  }
  return Object.freeze([...new Set(list as OptimizationLevel[])].sort());
}

function resolveManifestName(value: unknown): string | false {
  if (value === undefined || value === true) return DEFAULT_MANIFEST_FILE;
  if (value === false) return false;
  if (typeof value !== 'string' || value === '') {
    throw new PycacheOptionError('manifest', `must be a file name or false, got ${describe(value)}`);
  }
  const segments = value.split('/');
  if (value.includes('\\') || isAbsolute(value) || /^[A-Za-z]:/.test(value) || segments.some((s) => s === '..' || s === '.' || s === '')) {
    throw new PycacheOptionError('manifest', `must be a relative POSIX path inside the output folder (no '..', '.', '\\' or leading '/'), got ${JSON.stringify(value)}`);
  }
  return value;
}

function resolveBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new PycacheOptionError(name, `must be true or false, got ${describe(value)}`);
  return value;
}

function resolvePrecompile(value: unknown): false | Required<PrecompileOptions> {
  if (value === undefined || value === false) return false;
  if (value === true) return { invalidationMode: 'checked-hash' };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const extra = Object.keys(value).filter((key) => key !== 'invalidationMode');
    if (extra.length > 0) throw new PycacheOptionError('precompile', `has no field "${extra[0]}"; known fields: invalidationMode`);
    const mode = (value as PrecompileOptions).invalidationMode ?? 'checked-hash';
    if (mode !== 'checked-hash' && mode !== 'unchecked-hash') {
      throw new PycacheOptionError('precompile', `invalidationMode must be 'checked-hash' or 'unchecked-hash', got ${describe(mode)}`);
    }
    return { invalidationMode: mode };
  }
  throw new PycacheOptionError('precompile', `must be true, false or { invalidationMode }, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
