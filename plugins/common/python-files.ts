/** The Python files under the roots, as the CLI and the Next.js host list them: one walk, one set of rules. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltPythonModule } from './build-outputs.js';
import type { ResolvedPycacheOptions } from './options.js';
import { loadPythonModule } from './python-module.js';
import { locatePythonFile, moduleSourceProblem } from './python-roots.js';

const SKIPPED_DIRS = new Set(['__pycache__', 'node_modules']);

/** The `.py`/`.pyw` files under the roots, and one message for each file left out. */
export interface FoundFiles {
  files: Set<string>;
  skipped: string[];
}

/**
 * Every `.py`/`.pyw` file under each root, walked without recursion (a folder of 200,000 files or a deep tree is
 * fine): symlinked files are followed, symlinked folders are not; a dangling link, a name no module path can have
 * ({@link moduleSourceProblem}, as in the plugins) and an unreadable folder are left out with one message each.
 * As in the plugins, a file under nested roots is listed once (it belongs to the deepest root that holds it).
 */
export function findPythonFiles(roots: readonly string[]): FoundFiles {
  const files = new Set<string>();
  const skipped: string[] = [];
  const pending = [...roots];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push(
        `${dir}: cannot read the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) pending.push(path);
        continue;
      }
      if (!/\.pyw?$/.test(entry.name) || files.has(path)) continue;
      if (entry.isSymbolicLink()) {
        const target = statSync(path, { throwIfNoEntry: false });
        if (target === undefined) {
          skipped.push(`${path}: a symbolic link to nothing`);
          continue;
        }
        if (!target.isFile()) continue;
      } else if (!entry.isFile()) {
        continue;
      }
      const problem = moduleSourceProblem(locatePythonFile(path, roots).source);
      if (problem === null) files.add(path);
      else skipped.push(`${path}: ${problem}`);
    }
  }
  return { files, skipped };
}

/** What {@link readPythonModules} read: the modules, and one line per file that could not be read or decoded. */
export interface ReadModules {
  modules: BuiltPythonModule[];
  failures: string[];
}

/**
 * Reads and decodes each file into a module for `pythonOutputs`. A file that cannot be read (its error code) or
 * decoded (the decoding error's message, with file, line and column) is one line of `failures`; the caller writes
 * nothing then.
 */
export async function readPythonModules(
  files: Iterable<string>,
  roots: readonly string[],
  options: ResolvedPycacheOptions,
): Promise<ReadModules> {
  const modules: BuiltPythonModule[] = [];
  const failures: string[] = [];
  for (const file of files) {
    try {
      const bytes = new Uint8Array(readFileSync(file));
      modules.push({ entry: (await loadPythonModule(file, bytes, roots, options)).entry, file, bytes: () => bytes });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push(
        code === undefined
          ? error instanceof Error
            ? error.message
            : String(error)
          : `${file}: cannot read (${code})`,
      );
    }
  }
  return { modules, failures };
}
