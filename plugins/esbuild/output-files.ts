import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { BuildOptions, OutputFile } from 'esbuild';
import type { PythonOutput } from '../common/build-outputs.js';

/**
 * The folder the bundle goes to: `outdir`, else the folder of `outfile` (relative to `absWorkingDir`), else
 * `undefined` (esbuild writes to stdout or keeps the output in memory, with nowhere to put a manifest beside it).
 */
export function outputFolder(options: BuildOptions, workingDir: string): string | undefined {
  const out = options.outdir ?? (options.outfile === undefined ? undefined : dirname(options.outfile));
  if (out === undefined) return undefined;
  return isAbsolute(out) ? out : resolve(workingDir, out);
}

/** `files` as esbuild's in-memory output files (`write: false`), beside the bundle's own. */
export function memoryOutputs(folder: string, files: readonly PythonOutput[]): OutputFile[] {
  return files.map(({ fileName, source }) => {
    const contents = typeof source === 'string' ? new TextEncoder().encode(source) : source;
    return {
      path: join(folder, fileName),
      contents,
      hash: createHash('sha256').update(contents).digest('base64url').slice(0, 12),
      get text() {
        return new TextDecoder().decode(contents);
      },
    };
  });
}
