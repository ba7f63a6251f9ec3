/**
 * The part of a Pyodide instance that pycache-kit uses. Structural on purpose: the runtime never imports
 * the `pyodide` package, so the instance of any Pyodide release (and a test double) fits.
 */
export interface PyodideLike {
  /** Emscripten's file system as Pyodide exposes it. */
  readonly FS: PyodideFS;
  /** Runs Python source in the interpreter's `__main__` globals and returns the last expression's value. */
  runPython(code: string): unknown;
}

/** The Emscripten `FS` calls used to mount a bundle. */
export interface PyodideFS {
  mkdirTree(path: string, mode?: number): void;
  writeFile(path: string, data: string | ArrayBufferView, opts?: { flags?: string }): void;
  unlink(path: string): void;
  /** Reads a file (a replaced file is kept to be restored if the install fails). */
  readFile(path: string): Uint8Array;
  /** Removes an empty folder (one the failed install created). */
  rmdir(path: string): void;
}
