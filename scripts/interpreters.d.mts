/** A pyenv CPython found on this machine. */
export interface PyenvInterpreter {
  version: string;
  full: string;
  path: string;
  prefix: string;
}
export const PYENV_VERSIONS: string[];
export const PYODIDE_PACKAGES: Record<string, string>;
export function pyenvInterpreters(): PyenvInterpreter[];
export function runPyenv(
  interp: PyenvInterpreter,
  script: string,
  args?: string[],
  options?: { flags?: string[]; cwd?: string; env?: Record<string, string> },
): string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Pyodide instance, typed by the pyodide package
export function loadPyodideFor(version: string): Promise<any>;
export function runPyodide(version: string, script: string, args?: string[]): Promise<string | undefined>;
