import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A real CPython on this machine (pyenv's 3.12.1, else `python3` on PATH), or `undefined`: tests that compare
 * with it are skipped, and say so in their titles, where none is installed.
 */
export const cpython: string | undefined = (() => {
  for (const find of [
    () =>
      `${execFileSync('pyenv', ['prefix', '3.12.1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}/bin/python3`,
    () => execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim(),
  ]) {
    try {
      const path = find();
      if (path && existsSync(path)) return path;
    } catch {
      // not installed: try the next
    }
  }
  return undefined;
})();

/** Runs `code` in {@link cpython} with `input` on stdin and returns its stdout, trimmed. */
export function runCPython(code: string, input: Uint8Array = new Uint8Array(0)): string {
  if (!cpython) throw new Error('no CPython installed');
  return execFileSync(cpython, ['-c', code], { input, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();
}
