/**
 * Every option of every host, once: its TypeScript type, documentation, default, JSON Schema, the hosts that take
 * it and the function that validates it. From this table come the validator (`resolveOptions`), the JSON Schema
 * (`optionsSchema`) and the option types with their docs (`option-types.ts`, written by
 * scripts/generate-option-types.mjs, whose `--check` a test runs).
 */
import { isAbsolute } from 'node:path';
import type { FilterPattern } from './path-filter.js';
import { DEFAULT_MANIFEST_FILE } from '../../src/contract/index.js';
import type { ManifestLevel } from '../../src/contract/index.js';
import { pythonTarget } from '../../src/light.js';
import type { PythonTarget, PythonTargetSpec } from '../../src/light.js';

/** An optimization level as `importlib.util.cache_from_source(path, optimization=…)` names it: 0 is no `opt-` tag. */
export type OptimizationLevel = ManifestLevel;

/** How `.pyc` files are invalidated (PEP 552); used by the `precompile` option. */
export type InvalidationMode = 'checked-hash' | 'unchecked-hash';

/** The `precompile` option in object form. */
export interface PrecompileOptions {
  /** @default 'checked-hash' */
  invalidationMode?: InvalidationMode;
}

/** How the stdlib archive's entries are stored (option `stdlib`). */
export type StdlibCompression = 'deflated' | 'stored';

/**
 * Which codec modules of `encodings` the stdlib archive keeps (option `stdlib`): `'all'`, so that any codec name a
 * program or its data gives works as in CPython, or `'sources'`, only those of the app's source encodings.
 */
export type StdlibCodecs = 'all' | 'sources';

/** The `stdlib` option in object form. */
export interface StdlibOption {
  /** Stdlib modules to keep although nothing reaches them: dotted names, `pkg.*`, or `*` (all). @default none */
  include?: readonly string[];
  /** Ship each module's source beside its bytecode, so tracebacks show source lines (about +45% bytes gzip). @default true */
  sources?: boolean;
  /** How the archive's entries are stored. @default 'deflated' */
  compression?: StdlibCompression;
  /**
   * Every codec module (`'all'`: `bytes.decode(name)` works for any name CPython knows, about +600 KB deflated), or
   * only those of the app's source encodings (`'sources'`: any other codec name raises `LookupError`). @default 'all'
   */
  codecs?: StdlibCodecs;
}

/** The `stdlib` option after validation. */
export type ResolvedStdlibOption =
  false | { include: readonly string[]; sources: boolean; compression: StdlibCompression; codecs: StdlibCodecs };

/**
 * Where options come from: the Vite/Rollup/Rolldown plugin, the webpack/Rspack plugin and loader, the CLI, the
 * esbuild plugin (also tsup and Bun's bundler), the Next.js config helper (`withPycache`).
 */
export type OptionHost = 'vite' | 'webpack' | 'webpack-loader' | 'cli' | 'esbuild' | 'next';

/** A bad option; `option` names it and the message says what was expected. */
export class PycacheOptionError extends TypeError {
  override name = 'PycacheOptionError';
  readonly option: string;

  constructor(option: string, message: string) {
    super(`pycache: option "${option}" ${message}`);
    this.option = option;
  }
}

/** A JSON Schema (draft-07) fragment, plus `schema-utils`' `instanceof` keyword for RegExp values. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** What a validator may need besides the value: the target, once `python` is resolved. */
export interface OptionContext {
  readonly target: PythonTarget;
}

/** One option. */
export interface OptionDefinition<Resolved> {
  /** The TypeScript type users write, as source text (names from option-types.ts' imports). */
  readonly type: string;
  /** What the option does (TSDoc and JSON Schema `description`). */
  readonly doc: string;
  /** The default, as documented (`@default`). */
  readonly default: string;
  readonly schema: JsonSchema;
  /** The hosts that take it, each with its own doc and default where they differ there. */
  readonly hosts: Readonly<Partial<Record<OptionHost, true | { doc?: string; default?: string }>>>;
  /** Why a host that does not take it does not (the error says so). */
  readonly elsewhere: Readonly<Partial<Record<OptionHost, string>>>;
  /** Validates a given value (never `undefined`: that is the default, which the resolver applies). */
  readonly resolve: (value: unknown, context: OptionContext) => Resolved;
  /** The value when the option is not given. */
  readonly fallback: (context: OptionContext) => Resolved;
}

const level = { enum: [0, 1, 2] };
const folder = { type: 'string', minLength: 1 };
const pattern = { anyOf: [{ type: 'string' }, { instanceof: 'RegExp' }] };
const filterPattern = { anyOf: [...pattern.anyOf, { type: 'array', items: pattern }, { type: 'null' }] };
const webpackFilter =
  "does not apply to webpack: the rule's `test`/`include`/`exclude` choose the files the loader handles";
const pluginOnly = 'does not apply to the webpack loader: give it to PycachePlugin';
const nextFilter =
  'does not apply to withPycache: Turbopack rules take no functions, so every .py and .pyw file under "roots" is a Python source; give "roots" the folders to ship';

/** The default `include`: what CPython imports as source on any platform (`.pyw` on Windows). */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.py', '**/*.pyw'];

/**
 * A true/false option of the plugins (the loader only decodes, so it points to PycachePlugin). `documentedDefault`
 * is what the docs say; the value when not given is `false` (resolveOptions derives `archive`'s from `entries`).
 */
function pluginFlag(
  name: string,
  doc: string,
  hosts: OptionDefinition<boolean>['hosts'],
  documentedDefault = 'false',
): OptionDefinition<boolean> {
  return {
    type: 'boolean',
    doc,
    default: documentedDefault,
    schema: { type: 'boolean' },
    hosts,
    elsewhere: { 'webpack-loader': pluginOnly },
    resolve: (value) => resolveBoolean(name, value),
    fallback: () => false,
  };
}

/** `include` or `exclude`: a Vite/Rollup filter; webpack's rules choose the files there. */
function filterOption(
  name: 'include' | 'exclude',
  doc: string,
  documentedDefault: string,
  fallback: () => FilterPattern,
): OptionDefinition<FilterPattern> {
  return {
    type: 'FilterPattern',
    doc,
    default: documentedDefault,
    schema: filterPattern,
    hosts:
      name === 'include'
        ? {
            vite: true,
            webpack: { doc: INCLUDE_MODULES_DOC, default: 'none' },
            esbuild: {
              doc: `Which files are Python sources (Vite/Rollup filter semantics). esbuild's \`onLoad\` sees only \`.py\` and \`.pyw\` files.`,
            },
          }
        : { vite: true, esbuild: true },
    elsewhere:
      name === 'include'
        ? { 'webpack-loader': webpackFilter, next: nextFilter }
        : { webpack: webpackFilter, 'webpack-loader': webpackFilter, next: nextFilter },
    resolve: (value) => resolvePattern(name, value),
    fallback,
  };
}

/** An item of `stdlib.include`: a dotted module name, `pkg.*` (a package and everything below it) or `*`. */
const STDLIB_PATTERN = /^(\*|[A-Za-z_]\w*(\.[A-Za-z_]\w*)*(\.\*)?)$/;

const INCLUDE_MODULES_DOC =
  "With `entries`: module names and globs (`'pkg.plugins.*'`, `'pkg.**'`) kept beyond what the import graph finds (webpack's rules choose the files).";

/** Every option, in documentation order. */
export const OPTION_DEFINITIONS = {
  python: {
    type: 'PythonTargetSpec',
    doc: "The Python that will run the code: a version (`'3.12'`), a cache tag (`'cpython-312'`) or a partial target.",
    default: "the Python of the `pyodide` package installed in the project, else the core's default",
    schema: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] },
    hosts: { vite: true, webpack: true, 'webpack-loader': true, cli: true, esbuild: true, next: true },
    elsewhere: {},
    resolve: resolveTarget,
    // The hosts' default (the project's Pyodide) is applied by resolveOptions, which knows the project.
    fallback: (context) => context.target,
  },
  roots: {
    type: 'string | readonly string[]',
    doc: 'Folders that act as `sys.path` entries, relative to the project root.',
    default: 'the project root',
    schema: { anyOf: [folder, { type: 'array', items: folder, minItems: 1 }] },
    hosts: {
      vite: true,
      webpack: {
        doc: "Folders that act as `sys.path` entries, relative to webpack's `context`.",
        default: "webpack's `context`",
      },
      'webpack-loader': {
        doc: "Folders that act as `sys.path` entries, relative to webpack's `context`.",
        default: "webpack's `context`",
      },
      cli: true,
      esbuild: {
        doc: "Folders that act as `sys.path` entries, relative to esbuild's `absWorkingDir`.",
        default: "esbuild's `absWorkingDir` (the current folder)",
      },
      next: {
        doc: 'Folders that act as `sys.path` entries, relative to the Next.js project folder.',
        default: 'the Next.js project folder',
      },
    },
    elsewhere: {},
    resolve: resolveRootsOption,
    fallback: () => undefined,
  },
  include: filterOption(
    'include',
    "Which files are Python sources (Vite/Rollup filter semantics); with `entries`, also module names and globs (`'pkg.plugins.*'`, `'pkg.**'`) kept beyond what the import graph finds.",
    "['**/*.py', '**/*.pyw']",
    () => [...DEFAULT_INCLUDE],
  ),
  exclude: filterOption('exclude', 'Files never treated as Python sources.', 'none', () => null),
  optimizations: {
    type: 'OptimizationLevel | readonly OptimizationLevel[]',
    doc: "One `cache` entry per level in the manifest; a module's `cachePath` names the target's own level if listed, else the lowest.",
    default: "the target's `optimize` (0)",
    schema: { anyOf: [level, { type: 'array', items: level, minItems: 1 }] },
    hosts: { vite: true, webpack: true, 'webpack-loader': true, cli: true, esbuild: true, next: true },
    elsewhere: {},
    resolve: resolveOptimizations,
    fallback: (context) => Object.freeze([context.target.optimize]),
  },
  manifest: {
    type: 'string | false',
    doc: 'File name of the manifest, relative to the output folder; `false` to emit none.',
    default: "'pycache-manifest.json'",
    schema: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'boolean' }] },
    hosts: {
      vite: true,
      webpack: true,
      esbuild: true,
      next: {
        doc: "File name of the manifest, relative to the build's `static/pycache/` folder (served at `/_next/static/pycache/`); `false` to emit none.",
      },
    },
    elsewhere: { 'webpack-loader': pluginOnly },
    resolve: resolveManifestName,
    fallback: () => DEFAULT_MANIFEST_FILE,
  },
  emitSources: pluginFlag(
    'emitSources',
    "Also emit every source as an asset at its manifest path (relative to the manifest's folder).",
    { vite: true, webpack: true, esbuild: true, next: true },
  ),
  precompile: {
    type: 'boolean | PrecompileOptions',
    doc: "Emit real `.pyc` files at the manifest's cache paths, compiled by the target's Pyodide (`plugins/precompile`).",
    default: 'false',
    schema: {
      anyOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: { invalidationMode: { enum: ['checked-hash', 'unchecked-hash'] } },
        },
      ],
    },
    hosts: { vite: true, webpack: true, esbuild: true, next: true },
    elsewhere: { 'webpack-loader': pluginOnly },
    resolve: resolvePrecompile,
    fallback: () => false,
  },
  // --- The Python import graph and the archive (plugins/common/import-graph.ts, archive.ts) ---
  entries: {
    type: 'string | readonly string[]',
    doc: "Dotted module names under the roots: the bundle holds them and every module they import, transitively (found with the target's own parser).",
    default: 'none: the bundle is what JS imports',
    schema: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      ],
    },
    hosts: { vite: true, webpack: true, next: true },
    elsewhere: { 'webpack-loader': pluginOnly },
    resolve: resolveEntries,
    fallback: () => undefined,
  },
  // The default depends on `entries` and `manifest`: resolveOptions applies it.
  archive: pluginFlag(
    'archive',
    "Ship the bundle's sources and `.pyc` as one archive next to the manifest (needs a manifest).",
    { vite: true, webpack: true, next: true },
    'true with `entries`, else false',
  ),
  debugImports: pluginFlag('debugImports', 'Print, for each module the entries keep, the import chain that kept it.', {
    vite: true,
    webpack: true,
    next: true,
  }),
  // --- Pyodide itself: its runtime files and a stdlib archive for this app (plugins/common/pyodide-outputs.ts) ---
  stdlib: {
    type: 'boolean | StdlibOption',
    doc: "Compile the stdlib the app reaches (with `entries`: what its import graph reaches; else all of it), and what Pyodide needs to start, into the stdlib archive Pyodide loads (`loadPyodide({ stdLibURL })`, named in the manifest's `pyodide` field).",
    default: 'false',
    schema: {
      anyOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            include: { type: 'array', items: { type: 'string', pattern: STDLIB_PATTERN.source } },
            sources: { type: 'boolean' },
            compression: { enum: ['deflated', 'stored'] },
            codecs: { enum: ['all', 'sources'] },
          },
        },
      ],
    },
    hosts: { vite: true, webpack: true, next: true },
    elsewhere: { 'webpack-loader': pluginOnly },
    resolve: resolveStdlibOption,
    fallback: () => false,
  },
  pyodide: pluginFlag(
    'pyodide',
    "Serve (dev) and emit (build) the Pyodide runtime from the project's own `pyodide` package, named in the manifest's `pyodide` field.",
    { vite: true, webpack: true, next: true },
  ),
} as const satisfies Record<string, OptionDefinition<unknown>>;

/** An option's name. */
export type OptionName = keyof typeof OPTION_DEFINITIONS;

/** The option names, in documentation order. */
export const OPTION_NAMES = Object.keys(OPTION_DEFINITIONS) as OptionName[];

/** The names `host` takes, in documentation order. */
export function optionNames(host: OptionHost): OptionName[] {
  return OPTION_NAMES.filter(
    (name) => (OPTION_DEFINITIONS[name] as OptionDefinition<unknown>).hosts[host] !== undefined,
  );
}

/** The documentation and documented default of `name` for `host`. */
export function optionDoc(name: OptionName, host: OptionHost): { doc: string; default: string } {
  const definition: OptionDefinition<unknown> = OPTION_DEFINITIONS[name];
  const own = definition.hosts[host];
  return {
    doc: (typeof own === 'object' ? own.doc : undefined) ?? definition.doc,
    default: (typeof own === 'object' ? own.default : undefined) ?? definition.default,
  };
}

function resolveTarget(value: unknown): PythonTarget {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new PycacheOptionError(
      'python',
      `must be a version such as '3.12', a cache tag or a target object, got ${describe(value)}`,
    );
  }
  let target: PythonTarget;
  try {
    target = pythonTarget(value as PythonTargetSpec);
  } catch (error) {
    throw new PycacheOptionError('python', `is not a Python target: ${(error as Error).message}`);
  }
  if (target.cacheTag === null) {
    throw new PycacheOptionError(
      'python',
      `names Python ${target.version} without a cache tag (sys.implementation.cache_tag is None), so it has no __pycache__ paths`,
    );
  }
  if (target.pycachePrefix !== null) {
    // The manifest describes paths relative to a sys.path entry; a prefix makes them absolute.
    throw new PycacheOptionError(
      'python',
      'must not set pycachePrefix: manifest cache paths are __pycache__ paths relative to their root',
    );
  }
  return target;
}

function resolveRootsOption(value: unknown): readonly string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== 'string' || item === '')) {
    throw new PycacheOptionError(
      'roots',
      `must be a folder or a non-empty array of folders (non-empty strings), got ${describe(value)}`,
    );
  }
  return Object.freeze([...(list as string[])]);
}

function resolvePattern(name: 'include' | 'exclude', value: unknown): FilterPattern {
  if (value === null || typeof value === 'string' || value instanceof RegExp) return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || item instanceof RegExp))
    return value as (string | RegExp)[];
  throw new PycacheOptionError(name, `must be a glob, a RegExp or an array of them, got ${describe(value)}`);
}

/** A dotted module name (`app`, `pkg.sub`). */
const DOTTED_NAME =
  /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)*$/u;

function resolveEntries(value: unknown): readonly string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some((item) => typeof item !== 'string' || !DOTTED_NAME.test(item))
  ) {
    throw new PycacheOptionError(
      'entries',
      `must be a dotted module name or a non-empty array of them (such as ['app']), got ${describe(value)}`,
    );
  }
  return Object.freeze([...new Set(list as string[])]);
}

function resolveOptimizations(value: unknown): readonly OptimizationLevel[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((level) => level !== 0 && level !== 1 && level !== 2)) {
    throw new PycacheOptionError(
      'optimizations',
      `must be 0, 1, 2 or a non-empty array of them, got ${describe(value)}`,
    );
  }
  return Object.freeze([...new Set(list as OptimizationLevel[])].sort());
}

function resolveManifestName(value: unknown): string | false {
  if (value === true) return DEFAULT_MANIFEST_FILE;
  if (value === false) return false;
  if (typeof value !== 'string' || value === '') {
    throw new PycacheOptionError('manifest', `must be a file name or false, got ${describe(value)}`);
  }
  const segments = value.split('/');
  if (
    value.includes('\\') ||
    isAbsolute(value) ||
    /^[A-Za-z]:/.test(value) ||
    segments.some((s) => s === '..' || s === '.' || s === '')
  ) {
    throw new PycacheOptionError(
      'manifest',
      `must be a relative POSIX path inside the output folder (no '..', '.', '\\' or leading '/'), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function resolveBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new PycacheOptionError(name, `must be true or false, got ${describe(value)}`);
  return value;
}

function resolvePrecompile(value: unknown): false | Required<PrecompileOptions> {
  if (value === false) return false;
  if (value === true) return { invalidationMode: 'checked-hash' };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const extra = Object.keys(value).filter((key) => key !== 'invalidationMode');
    if (extra.length > 0)
      throw new PycacheOptionError('precompile', `has no field "${extra[0]}"; known fields: invalidationMode`);
    const mode = (value as PrecompileOptions).invalidationMode ?? 'checked-hash';
    if (mode !== 'checked-hash' && mode !== 'unchecked-hash') {
      throw new PycacheOptionError(
        'precompile',
        `invalidationMode must be 'checked-hash' or 'unchecked-hash', got ${describe(mode)}`,
      );
    }
    return { invalidationMode: mode };
  }
  throw new PycacheOptionError('precompile', `must be true, false or { invalidationMode }, got ${describe(value)}`);
}

function resolveStdlibOption(value: unknown): ResolvedStdlibOption {
  if (value === false) return false;
  if (value === true) return { include: [], sources: true, compression: 'deflated', codecs: 'all' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PycacheOptionError(
      'stdlib',
      `must be true, false or { include, sources, compression, codecs }, got ${describe(value)}`,
    );
  }
  const known = ['include', 'sources', 'compression', 'codecs'];
  const extra = Object.keys(value).filter((key) => !known.includes(key));
  if (extra.length > 0)
    throw new PycacheOptionError('stdlib', `has no field "${extra[0]}"; known fields: ${known.join(', ')}`);
  const { include = [], sources = true, compression = 'deflated', codecs = 'all' } = value as StdlibOption;
  if (!Array.isArray(include) || include.some((name) => typeof name !== 'string' || !STDLIB_PATTERN.test(name))) {
    throw new PycacheOptionError('stdlib', 'include must be an array of dotted module names, `pkg.*` or `*`');
  }
  if (typeof sources !== 'boolean') throw new PycacheOptionError('stdlib', 'sources must be true or false');
  if (compression !== 'deflated' && compression !== 'stored')
    throw new PycacheOptionError('stdlib', "compression must be 'deflated' or 'stored'");
  if (codecs !== 'all' && codecs !== 'sources')
    throw new PycacheOptionError('stdlib', `codecs must be 'all' or 'sources', got ${describe(codecs)}`);
  return { include: [...(include as readonly string[])], sources, compression, codecs };
}

/** A value as an error message shows it. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
