import { sep } from 'node:path';
import { requirePyodide } from '../common/pyodide-module.js';
import type { PyodidePackage } from './find-pyodide.js';

/** The calls precompile makes on a Pyodide instance (structural: any release fits). */
export interface CompilerPyodide {
  readonly FS: {
    mkdirTree(path: string): void;
    writeFile(path: string, data: Uint8Array): void;
    readFile(path: string): Uint8Array;
  };
  runPython(code: string): unknown;
}

interface PyodideModule {
  loadPyodide(options: {
    indexURL: string;
    stdout?: (line: string) => void;
    stderr?: (line: string) => void;
  }): Promise<CompilerPyodide>;
}

// One interpreter per Pyodide package for the life of the process: loading takes seconds, and a watch
// build compiles again on every change.
const instances = new Map<string, Promise<CompilerPyodide>>();

/** The shared Pyodide instance of `pkg`, loaded on first use. */
export function loadCompilerPyodide(pkg: PyodidePackage): Promise<CompilerPyodide> {
  let instance = instances.get(pkg.dir);
  if (!instance) {
    instance = (async () => {
      const mod = requirePyodide<PyodideModule>(pkg.dir);
      const output: string[] = [];
      return mod.loadPyodide({
        indexURL: pkg.dir + sep,
        stdout: (line) => output.push(line),
        stderr: (line) => output.push(line),
      });
    })();
    instance.catch(() => instances.delete(pkg.dir));
    instances.set(pkg.dir, instance);
  }
  return instance;
}

/** Forgets the loaded instances (they are garbage-collected once unreferenced). */
export function releaseCompilers(): void {
  instances.clear();
}
