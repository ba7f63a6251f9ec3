import { pythonTarget } from '../src/index.js';
import type { PythonTarget } from '../src/index.js';

/** The `parseArgs` options every path command shares. */
export const TARGET_OPTIONS = {
  python: { type: 'string' },
  optimization: { type: 'string' },
  'pycache-prefix': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const TARGET_HELP = `  --python X.Y            interpreter to follow: a version (3.12, 3.12.1) or cache tag (cpython-312, pypy310);
                          default the newest final CPython (${pythonTarget().version})
  --optimization LEVEL    optimization= of cache_from_source ('' for none); default: sys.flags.optimize 0
  --pycache-prefix DIR    sys.pycache_prefix (3.8+); relative paths resolve against the current folder
  --json                  one JSON document on stdout
  -h, --help              this help`;

/** The target the command-line options describe, for this machine's path rules and working folder. */
export function targetFromOptions(values: { python?: string; 'pycache-prefix'?: string }, cwd: string): PythonTarget {
  const base = pythonTarget(values.python);
  return pythonTarget({
    ...base,
    // As CPython's `-X pycache_prefix=` and an empty PYTHONPYCACHEPREFIX: empty means no prefix.
    pycachePrefix: values['pycache-prefix'] || null,
    cwd,
    platform: process.platform === 'win32' ? 'win32' : 'posix',
  });
}

/** `Error` → the last line of a Python traceback, `ValueError: ...`. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
