/**
 * The Next.js host's own build step: every Python module under the roots (or, with `entries`, what their import
 * graph reaches) through the host layer's `pythonOutputs`, written whole into the served folder. Turbopack runs no
 * webpack plugin, so `withPycache` runs this after `next build` compiles and when `next dev` starts.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { pythonOutputs } from '../common/build-outputs.js';
import { writeOutputs } from '../common/write-outputs.js';
import type { BuiltPythonModule } from '../common/build-outputs.js';
import type { ResolvedPycacheOptions } from '../common/options.js';
import { findPythonFiles, readPythonModules } from '../common/python-files.js';

/** What one run wrote, and what it left out. */
export interface PythonFolderResult {
  /** Files written, relative to the folder (the manifest first). */
  readonly files: readonly string[];
  /** One line per file left out (a name no import can reach, a dangling link), and the `entries` summary. */
  readonly messages: readonly string[];
}

/** The Python modules of the build: under `roots`, or the import graph of `entries` there. */
async function pythonModules(
  options: ResolvedPycacheOptions,
  roots: readonly string[],
  projectDir: string,
): Promise<{ modules: BuiltPythonModule[]; messages: string[]; reached?: string[] }> {
  const messages: string[] = [];
  let files: Iterable<string>;
  let reached: string[] | undefined;
  if (options.entries === undefined) {
    const found = findPythonFiles(roots);
    files = [...found.files].sort();
    messages.push(...found.skipped.map((line) => `pycache: skipped ${line}`));
  } else {
    const { entryModules } = await import('../common/python-entries.js');
    const { importedOutsideRoots } = await import('../common/import-graph.js');
    const found = await entryModules(options, roots, projectDir);
    files = found.files;
    messages.push(...found.info, ...found.warnings);
    reached = importedOutsideRoots(found.graph);
  }
  const { modules, failures } = await readPythonModules(files, roots, options);
  if (failures.length > 0) throw new PythonFolderError(failures);
  return { modules, messages, reached };
}

/** Python files that could not be read or decoded: nothing was written. */
export class PythonFolderError extends Error {
  override name = 'PythonFolderError';
  readonly failures: readonly string[];

  constructor(failures: readonly string[]) {
    super(
      `${failures.join('\n')}\npycache: ${failures.length} Python file(s) could not be read or decoded; nothing was written`,
    );
    this.failures = failures;
  }
}

/**
 * Builds the Python files of the project and writes them into `folder` (which this step owns: it is replaced
 * whole, through a sibling temporary folder and a rename, so a failed run leaves the previous files as they were).
 * Throws a {@link PythonFolderError} naming each undecodable file (file, line, column) and what `pythonOutputs`
 * throws.
 */
export async function writePythonFolder(
  options: ResolvedPycacheOptions,
  roots: readonly string[],
  projectDir: string,
  folder: string,
  log?: (line: string) => void,
): Promise<PythonFolderResult> {
  const { modules, messages, reached } = await pythonModules(options, roots, projectDir);
  const outputs = await pythonOutputs(options, modules, projectDir, { log, reached });
  const temporary = `${folder}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  try {
    await writeOutputs(temporary, outputs.files, options.manifest);
    mkdirSync(temporary, { recursive: true });
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(dirname(folder), { recursive: true });
    renameSync(temporary, folder);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  return { files: outputs.files.map((output) => output.fileName), messages };
}
