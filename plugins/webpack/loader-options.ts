import type * as SchemaUtilsModule from 'schema-utils';
import type { PythonTargetSpec } from '../../src/index.js';
import type { OptimizationLevel } from '../common/options.js';
import { requirePeer } from '../common/peer-dependency.js';

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

/**
 * The JSON Schema `schema-utils` reads, as far as this schema uses it. Declared here, not imported: `schema-utils`
 * is an optional peer dependency (webpack depends on it), so the published types must not name it.
 */
export interface LoaderOptionsSchema {
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string';
  additionalProperties?: boolean;
  properties?: Record<string, LoaderOptionsSchema>;
  anyOf?: LoaderOptionsSchema[];
  items?: LoaderOptionsSchema;
  enum?: readonly unknown[];
  minLength?: number;
  minItems?: number;
}

type SchemaUtils = typeof SchemaUtilsModule;

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
 * Throws `schema-utils`' `ValidationError` (naming the option) when `options` does not fit the schema, or a
 * `MissingPeerDependencyError` naming `schema-utils` when it is not installed (webpack installs it).
 */
export function validateLoaderOptions(options: unknown): asserts options is PycacheLoaderOptions {
  const { validate } = requirePeer<SchemaUtils>('schema-utils', 'pycache-kit/webpack-loader');
  validate(loaderOptionsSchema as Parameters<SchemaUtils['validate']>[0], options as object, { name: 'Pycache Loader', baseDataPath: 'options' });
}
