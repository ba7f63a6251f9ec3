import type { PyodideLike } from './pyodide-like.js';

/**
 * Runs `source` (Python statements that read `ARG` and set `result`) in a fresh namespace, passing `arg`
 * and getting `result` back as JSON, so nothing leaks into the user's `__main__` globals and no value
 * conversion depends on the Pyodide release. JSON string literals are valid Python string literals.
 */
export function runPythonJson<T>(pyodide: Pick<PyodideLike, 'runPython'>, source: string, arg: unknown): T {
  const code =
    `(lambda ns: (exec(${JSON.stringify(source)}, ns), ns['result'])[1])` +
    `({'ARG': __import__('json').loads(${JSON.stringify(JSON.stringify(arg ?? null))})})`;
  const out = pyodide.runPython(`__import__('json').dumps(${code})`);
  if (typeof out !== 'string')
    throw new TypeError('pycache-kit/pyodide: runPython did not return a string; is this a Pyodide instance?');
  return JSON.parse(out) as T;
}
