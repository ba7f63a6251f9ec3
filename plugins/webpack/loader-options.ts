import { createRequire } from 'node:module';
import type { validate } from 'schema-utils';
import type { PythonTargetSpec } from '../../src/index.js';
import type { OptimizationLevel } from '../common/options.js';

/** Options of `pycache-kit/webpack-loader`; the same names and meanings as the Vite plugin's. */
export interface PycacheLoaderOptions {
  /**
   * The Python that will run the code: a version (`'3.12'`), a cache tag (`'cpython-312'`) or a partial target.
   * @default the Python of the `pyodide` package installed in the project, else the core's default
   */
  python?: PythonTargetSpec;
  /** Folders that act as `sys.path` entries, relative to webpack's `context`. @default the `context` */
  roots?: string | string[];
  /** The levels the build has bytecode for; `cachePath` names the target's own level if listed, else the lowest. @default the target's `optimize` */
  optimizations?: OptimizationLevel | OptimizationLevel[];
}

/** `schema-utils`' schema type (it exports none under a stable name). */
export type LoaderOptionsSchema = Parameters<typeof validate>[0];

const level = { enum: [0, 1, 2] };
const folder = { type: 'string' as const, minLength: 1 };

/**
 * The loader's JSON Schema (draft-07, as `schema-utils` reads it). webpack validates `getOptions(schema)` itself;
 * Rspack does not, so the loader calls {@link validateLoaderOptions} on both.
 */
export const loaderOptionsSchema: LoaderOptionsSchema = {
  title: 'Pycache Loader options',
  type: 'object',
  additionalProperties: false,
  properties: {
    python: {
      description: "The Python that will run the code: a version ('3.12'), a cache tag ('cpython-312') or a partial target object.",
      anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }],
    },
    roots: {
      description: "Folders that act as sys.path entries, relative to webpack's context.",
      anyOf: [folder, { type: 'array', items: folder, minItems: 1 }],
    },
    optimizations: {
      description: 'Optimization levels (0, 1, 2) the build has bytecode for.',
      anyOf: [level, { type: 'array', items: level, minItems: 1 }],
    },
  },
};

/**
 * Throws `schema-utils`' `ValidationError` (naming the option) when `options` does not fit the schema. Options that
 * plainly fit are let through without `schema-utils`, whose validator compiles the schema on first use (~0.3 s of
 * a build under load); any others get its verdict and message.
 */
export function validateLoaderOptions(options: unknown): asserts options is PycacheLoaderOptions {
  if (plainlyValid(options)) return;
  const { validate: check } = createRequire(import.meta.url)('schema-utils') as { validate: typeof validate };
  check(loaderOptionsSchema, options as object, { name: 'Pycache Loader', baseDataPath: 'options' });
}

/** Whether `options` fits {@link loaderOptionsSchema}, by a direct check that never accepts what it refuses. */
function plainlyValid(options: unknown): boolean {
  if (!isObject(options)) return false;
  const isFolder = (value: unknown) => typeof value === 'string' && value.length > 0;
  const isLevel = (value: unknown) => value === 0 || value === 1 || value === 2;
  const oneOrMore = (value: unknown, item: (value: unknown) => boolean) => item(value) || (Array.isArray(value) && value.length > 0 && value.every(item));
  return Object.entries(options).every(([key, value]) => {
    switch (key) {
      case 'python': return isFolder(value) || isObject(value);
      case 'roots': return oneOrMore(value, isFolder);
      case 'optimizations': return oneOrMore(value, isLevel);
      default: return false;
    }
  });
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
