// The corpus of the build benches: CPython 3.12's standard library (pyenv's 3.12.1), every .py file CPython itself
// can decode, copied into a project's py/ folder.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The stdlib folder of pyenv's CPython 3.12 and its interpreter, or undefined. */
export function stdlibDir() {
  try {
    const prefix = execFileSync('pyenv', ['prefix', '3.12.1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { python: join(prefix, 'bin', 'python3'), lib: join(prefix, 'lib', 'python3.12') };
  } catch {
    return undefined;
  }
}

/** Root-relative paths of the stdlib .py files CPython can decode (asked of CPython itself). */
export function decodableSources(python, lib) {
  const script = `
import importlib.util, json, os, sys
root = sys.argv[1]
out = []
for d, dirs, files in os.walk(root):
    dirs[:] = sorted(x for x in dirs if x not in ('site-packages', '__pycache__'))
    for f in sorted(files):
        if f.endswith('.py'):
            p = os.path.join(d, f)
            try:
                importlib.util.decode_source(open(p, 'rb').read())
            except Exception:
                continue
            out.append(os.path.relpath(p, root))
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(python, ['-c', script, lib], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** Copies `sources` from `lib` to `project`/py; returns their total size in bytes. */
export function copySources(lib, sources, project) {
  let bytes = 0;
  for (const source of sources) {
    const to = join(project, 'py', source);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(lib, source), to);
    bytes += readFileSync(to).length;
  }
  return bytes;
}
