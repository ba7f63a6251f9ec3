import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PythonOutput } from './build-outputs.js';

/**
 * Writes `files` (paths relative to `folder`, from `pythonOutputs`) under `folder` on disk, making folders, the
 * manifest last: a write that fails part-way leaves no manifest describing files that are not there. (webpack
 * writes through its compiler's output file system instead.)
 */
export async function writeOutputs(
  folder: string,
  files: readonly PythonOutput[],
  manifestFile: string | false,
): Promise<void> {
  const ordered = [
    ...files.filter((file) => file.fileName !== manifestFile),
    ...files.filter((file) => file.fileName === manifestFile),
  ];
  for (const { fileName, source } of ordered) {
    const path = join(folder, ...fileName.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, source);
  }
}
