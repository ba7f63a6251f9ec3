import { fsRoot } from './interpreter.js';
import type { PyodideLike } from './pyodide-like.js';
import { runPythonJson } from './run-python.js';

/** One file to write: its path relative to the root (a manifest path) and its bytes. */
export interface PlannedFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

interface WritePlan {
  /** Folders to create, parents first. */
  readonly missing: string[];
  /** Files that exist and will be replaced (their bytes are kept until the install has succeeded). */
  readonly existing: string[];
  /** `[manifest path, reason]` when a file cannot be written where it goes. */
  readonly problem: [string, string] | null;
}

const PLAN_PY = `
import os, stat
base = ARG['base']
state = {'': 'dir'}
missing, existing = [], []
def folder(d):
    if d in state:
        return state[d]
    parent = d.rsplit('/', 1)[0]
    above = folder(parent)
    if above != 'dir':
        state[d] = above
        if above == 'missing':
            missing.append(d)
        return above
    try:
        mode = os.stat(d).st_mode
    except FileNotFoundError:
        state[d] = 'missing'
        missing.append(d)
        return 'missing'
    state[d] = 'dir' if stat.S_ISDIR(mode) else ['file', d]
    return state[d]
problem = None
for rel in ARG['paths']:
    path = base + '/' + rel
    where = folder(path.rsplit('/', 1)[0])
    if isinstance(where, list):
        problem = [rel, 'it needs the folder %s, which is a file in the file system' % where[1]]
        break
    if where == 'dir' and os.path.lexists(path):
        if os.path.isdir(path):
            problem = [rel, '%s is a folder in the file system' % path]
            break
        existing.append(path)
result = {'missing': missing, 'existing': existing, 'problem': problem}
`;

/**
 * Writes `files` under `root` all or nothing. First asks the interpreter where each file goes: a file whose
 * place is a folder, or whose folder is a file, throws naming it before anything is written. Then creates the
 * missing folders, writes every file and runs `finish` (the caller's last step, e.g. putting `root` on
 * `sys.path`); if any of that throws, every file and folder this call created is removed, every file it replaced
 * gets its old bytes back, the import caches are invalidated, and the `Error` names the file that failed and the
 * file system's reason (`ENOSPC: No space left on device`), never a bare Emscripten `ErrnoError`.
 */
export function writeAllOrNothing(
  pyodide: PyodideLike,
  root: string,
  files: readonly PlannedFile[],
  finish?: () => void,
): void {
  const base = fsRoot(root);
  const plan = runPythonJson<WritePlan>(pyodide, PLAN_PY, { base, paths: files.map((file) => file.path) });
  if (plan.problem !== null) {
    throw new Error(
      `pycache-kit/pyodide: cannot install ${plan.problem[0]} under ${root}: ${plan.problem[1]}; nothing was written`,
    );
  }
  const existing = new Set(plan.existing);
  const undo: (() => void)[] = [];
  let current = root;
  try {
    for (const dir of plan.missing) {
      current = dir;
      pyodide.FS.mkdirTree(dir);
      undo.push(() => pyodide.FS.rmdir(dir));
    }
    for (const file of files) {
      const path = `${base}/${file.path}`;
      current = path;
      if (existing.has(path)) {
        const before = pyodide.FS.readFile(path);
        undo.push(() => pyodide.FS.writeFile(path, before));
      } else {
        undo.push(() => pyodide.FS.unlink(path));
      }
      pyodide.FS.writeFile(path, file.bytes);
    }
    current = `${root} (finishing the install)`;
    finish?.();
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // A step that never happened (the write that failed) has nothing to undo.
      }
    }
    try {
      pyodide.runPython('__import__("importlib").invalidate_caches()');
    } catch {
      // The interpreter's caches only matter if it still runs.
    }
    throw new Error(
      `pycache-kit/pyodide: writing ${current} failed (${fsErrorText(pyodide, error)}); every file this call wrote was removed`,
      { cause: error },
    );
  }
}

/** An Emscripten `ErrnoError` as `ENOSPC: No space left on device`, by the interpreter's own `errno` table. */
function fsErrorText(pyodide: PyodideLike, error: unknown): string {
  const errno = typeof error === 'object' && error !== null ? (error as { errno?: unknown }).errno : undefined;
  if (typeof errno === 'number') {
    try {
      return runPythonJson<string>(
        pyodide,
        "import errno, os\nresult = '%s: %s' % (errno.errorcode.get(ARG, 'errno %d' % ARG), os.strerror(ARG))",
        errno,
      );
    } catch {
      return `errno ${errno}`;
    }
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
