import type { FilterPattern } from './path-filter.js';
import { pythonTarget } from '../../src/light.js';
import type { PythonTarget } from '../../src/light.js';
import { describe, OPTION_DEFINITIONS, OPTION_NAMES, optionNames, PycacheOptionError } from './option-definitions.js';
import { isModulePattern } from './module-patterns.js';
import type {
  OptimizationLevel,
  OptionDefinition,
  OptionHost,
  PrecompileOptions,
  ResolvedStdlibOption,
} from './option-definitions.js';

export { DEFAULT_INCLUDE, OPTION_NAMES, PycacheOptionError } from './option-definitions.js';
export type {
  InvalidationMode,
  OptimizationLevel,
  OptionHost,
  PrecompileOptions,
  ResolvedStdlibOption,
  StdlibCodecs,
  StdlibCompression,
  StdlibOption,
} from './option-definitions.js';
export type {
  PycacheOptions,
  PycachePluginOptions,
  PycacheLoaderOptions,
  PycacheEsbuildOptions,
  PycacheNextOptions,
} from './option-types.js';

/** The options after validation, with every default applied. */
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
  // --- The Python import graph and the archive ---
  /** Entry module names, or undefined (the bundle is what JS imports). */
  entries: readonly string[] | undefined;
  /** The module patterns of `include` (its other items, file globs, stay in `include`). */
  includeModules: readonly string[];
  archive: boolean;
  debugImports: boolean;
  // --- Pyodide itself ---
  /** The stdlib archive to build, or `false`. */
  stdlib: ResolvedStdlibOption;
  /** Whether the build emits (and the dev server serves) the project's own Pyodide runtime. */
  pyodide: boolean;
}

const HOST_NAMES: Readonly<Record<OptionHost, string>> = {
  vite: 'the Vite plugin',
  webpack: 'PycachePlugin',
  'webpack-loader': 'the webpack loader',
  cli: 'the command line',
  esbuild: 'the esbuild plugin',
  next: 'withPycache (pycache-kit/next)',
};

/**
 * The one option validator of every host: checks `raw` against the option definitions of `host` and applies the
 * defaults. `defaultTarget` is called only when `python` is not given (the hosts pass
 * {@link defaultProjectTarget}, the project's Pyodide). Every error is a {@link PycacheOptionError} naming the
 * option, with the same message in every host.
 */
export function resolveOptions(
  raw: unknown,
  defaultTarget: () => { target: PythonTarget; source: 'pyodide' | 'default' } = () => ({
    target: pythonTarget(),
    source: 'default',
  }),
  host: OptionHost = 'vite',
): ResolvedPycacheOptions {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PycacheOptionError('options', `must be an object, got ${describe(raw)}`);
  }
  const options = raw as Record<string, unknown>;
  const known = optionNames(host);
  for (const key of Object.keys(options)) {
    if (options[key] === undefined || (known as string[]).includes(key)) continue;
    const elsewhere = (OPTION_NAMES as string[]).includes(key)
      ? definition(key as keyof typeof OPTION_DEFINITIONS).elsewhere[host]
      : undefined;
    throw new PycacheOptionError(
      key,
      elsewhere ?? `is not an option of ${HOST_NAMES[host]}; known options: ${known.join(', ')}`,
    );
  }
  const { target, source } =
    options.python === undefined
      ? defaultTarget()
      : { target: OPTION_DEFINITIONS.python.resolve(options.python), source: 'option' as const };
  const context = { target };
  const value = <Name extends keyof typeof OPTION_DEFINITIONS>(
    name: Name,
  ): ReturnType<(typeof OPTION_DEFINITIONS)[Name]['resolve']> => {
    const option = definition(name);
    return (
      options[name] === undefined ? option.fallback(context) : option.resolve(options[name], context)
    ) as ReturnType<(typeof OPTION_DEFINITIONS)[Name]['resolve']>;
  };
  const entries = value('entries');
  const manifest = value('manifest');
  const { modules: includeModules, files: includeFiles } = splitInclude(options.include, entries, host);
  const archive = options.archive === undefined ? entries !== undefined && manifest !== false : value('archive');
  if (archive && manifest === false) {
    throw new PycacheOptionError(
      'archive',
      'needs a manifest (the runtime finds the archive through it); remove manifest: false or set archive: false',
    );
  }
  return {
    target,
    targetSource: source,
    roots: value('roots'),
    include:
      includeFiles === undefined
        ? (definition('include').fallback(context) as FilterPattern)
        : (definition('include').resolve(includeFiles, context) as FilterPattern),
    exclude: value('exclude'),
    optimizations: value('optimizations'),
    manifest,
    emitSources: value('emitSources'),
    precompile: value('precompile'),
    entries,
    includeModules,
    archive,
    debugImports: value('debugImports'),
    stdlib: value('stdlib'),
    pyodide: value('pyodide'),
  };
}

/**
 * `include` holds file globs (which files are Python sources) and, with `entries`, module names and globs (modules
 * to keep beyond what the import graph finds; {@link isModulePattern}). webpack's rules choose the files, so there
 * it holds module patterns only.
 */
function splitInclude(
  value: unknown,
  entries: readonly string[] | undefined,
  host: OptionHost,
): { modules: readonly string[]; files: unknown } {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const modules = list.filter(isModulePattern);
  const files = list.filter((item) => !isModulePattern(item));
  if (host === 'webpack' && files.length > 0) {
    throw new PycacheOptionError(
      'include',
      `does not take file globs in webpack (${files.map(describe).join(', ')}): the rule's \`test\`/\`include\`/\`exclude\` choose the files the loader handles; here it names modules for "entries"`,
    );
  }
  if (modules.length === 0) return { modules: [], files: value };
  if (entries === undefined) {
    throw new PycacheOptionError(
      'include',
      `names modules (${modules.map(describe).join(', ')}), which needs the "entries" option; without it "include" takes file globs such as '**/*.py'`,
    );
  }
  return { modules: Object.freeze(modules), files: files.length === 0 ? undefined : files };
}

function definition(name: keyof typeof OPTION_DEFINITIONS): OptionDefinition<unknown> {
  return OPTION_DEFINITIONS[name];
}
