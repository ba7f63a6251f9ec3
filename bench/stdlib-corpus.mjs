// The corpus of the build benches: CPython 3.12's standard library (pyenv's 3.12.1), every .py file CPython itself
// can decode, copied into a project's py/ folder; and the child process each measured build runs in.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The stdlib folder of pyenv's CPython 3.12 and its interpreter, or undefined. */
export function stdlibDir() {
  try {
    const prefix = execFileSync('pyenv', ['prefix', '3.12.1'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
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

/**
 * A temporary project folder holding the corpus in py/, with its file list and size; undefined (after logging why)
 * when pyenv's CPython 3.12.1 is missing.
 */
export function corpusProject(name, log) {
  const stdlib = stdlibDir();
  if (!stdlib) {
    log(`${name}: skipped (pyenv CPython 3.12.1 not found: its stdlib is the corpus)`);
    return undefined;
  }
  const sources = decodableSources(stdlib.python, stdlib.lib);
  const project = mkdtempSync(join(tmpdir(), `pycache-bench-${name}-`));
  return { project, sources, bytes: copySources(stdlib.lib, sources, project) };
}

/** Runs `node script variant root`; resolves with the JSON it prints and the process's wall time (`processMs`). */
export function runChild(script, variant, root) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, variant, root], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${variant} build exited with ${code}`));
      else resolve({ ...JSON.parse(out), processMs: performance.now() - started });
    });
  });
}
