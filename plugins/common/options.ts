import type { FilterPattern } from '@rollup/pluginutils';
import { pythonTarget } from '../../src/index.js';
import type { PythonTarget } from '../../src/index.js';
import { describe, OPTION_DEFINITIONS, OPTION_NAMES, optionNames, PycacheOptionError } from './option-definitions.js';
import type { OptimizationLevel, OptionDefinition, OptionHost, PrecompileOptions } from './option-definitions.js';

export { DEFAULT_INCLUDE, OPTION_NAMES, PycacheOptionError } from './option-definitions.js';
export type { InvalidationMode, OptimizationLevel, OptionHost, PrecompileOptions } from './option-definitions.js';
export type { PycacheOptions, PycachePluginOptions, PycacheLoaderOptions, PycacheEsbuildOptions } from './option-types.js';

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
}

const HOST_NAMES: Readonly<Record<OptionHost, string>> = {
  vite: 'the Vite plugin',
  webpack: 'PycachePlugin',
  'webpack-loader': 'the webpack loader',
  cli: 'the command line',
  esbuild: 'the esbuild plugin',
};

/**
 * The one option validator of every host: checks `raw` against the option definitions of `host` and applies the
 * defaults. `defaultTarget` is called only when `python` is not given (the hosts pass
 * {@link defaultProjectTarget}, the project's Pyodide). Every error is a {@link PycacheOptionError} naming the
 * option, with the same message in every host.
 */
export function resolveOptions(
  raw: unknown,
  defaultTarget: () => { target: PythonTarget; source: 'pyodide' | 'default' } = () => ({ target: pythonTarget(), source: 'default' }),
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
    const elsewhere = (OPTION_NAMES as string[]).includes(key) ? definition(key as keyof typeof OPTION_DEFINITIONS).elsewhere[host] : undefined;
    throw new PycacheOptionError(key, elsewhere ?? `is not an option of ${HOST_NAMES[host]}; known options: ${known.join(', ')}`);
  }
  const { target, source } = options.python === undefined
    ? defaultTarget()
    : { target: OPTION_DEFINITIONS.python.resolve(options.python), source: 'option' as const };
  const context = { target };
  const value = <Name extends keyof typeof OPTION_DEFINITIONS>(name: Name): ReturnType<(typeof OPTION_DEFINITIONS)[Name]['resolve']> => {
    const option = definition(name);
    return (options[name] === undefined ? option.fallback(context) : option.resolve(options[name], context)) as ReturnType<(typeof OPTION_DEFINITIONS)[Name]['resolve']>;
  };
  return {
    target,
    targetSource: source,
    roots: value('roots'),
    include: value('include'),
    exclude: value('exclude'),
    optimizations: value('optimizations'),
    manifest: value('manifest'),
    emitSources: value('emitSources'),
    precompile: value('precompile'),
  };
}

function definition(name: keyof typeof OPTION_DEFINITIONS): OptionDefinition<unknown> {
  return OPTION_DEFINITIONS[name];
}
