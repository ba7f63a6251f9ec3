import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The `pyodide` package in `dir`, loaded through its CommonJS build (`pyodide.js`, shipped by every release) rather
 * than `import()` of its `pyodide.mjs`: webpack scans every file a config imports for its build dependencies and
 * warns for each `import()` whose argument is not a literal (three times under `next build --webpack`, once per
 * compiler); it does not scan `require`.
 */
export function requirePyodide<T>(dir: string): T {
  return createRequire(import.meta.url)(join(dir, 'pyodide.js')) as T;
}
