import { sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readPycHeader, sourceHash } from '../../src/light.js';
import type { PythonTarget } from '../../src/light.js';
import type { PyodidePackage } from './find-pyodide.js';
import { COMPILE_PY, precompile, PrecompileError } from './precompile.js';
import type { PrecompileMode, PrecompileModule } from './precompile.js';

/** Modules handed to a thread at a time: small enough to balance, large enough to amortize a message. */
const BATCH = 12;

/** One compile job as it crosses to a worker: `[source, bytes, level, cachePath]`. */
type WireJob = [string, Uint8Array, number, string];

interface WorkerReply {
  readonly ok: boolean;
  readonly pycs?: [string, Uint8Array][];
  readonly failure?: { source: string; type: string; msg: string; lineno: number | null; offset: number | null };
  readonly error?: string;
}

// The worker is plain JavaScript (no import of this package's modules), so it runs from the TypeScript sources
// in tests as well as from dist: it loads its own Pyodide and runs precompile's own COMPILE_PY, so a `.pyc`
// made by a worker is byte for byte the one the main thread would make.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
(async () => {
  const { loadPyodide } = await import(pathToFileURL(workerData.indexURL + 'pyodide.mjs').href);
  const py = await loadPyodide({ indexURL: workerData.indexURL, stdout: () => {}, stderr: () => {} });
  let run = 0;
  parentPort.on('message', ({ jobs, mode, root }) => {
    const scratch = '/tmp/pycache-kit-worker/' + (++run);
    try {
      const args = [];
      for (const [source, bytes, level, cachePath] of jobs) {
        const file = scratch + '/src/' + source;
        py.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
        py.FS.writeFile(file, bytes);
        args.push([source, file, root + '/' + source, scratch + '/out/' + cachePath, level]);
      }
      const arg = JSON.stringify({ mode, jobs: args });
      const code = '(lambda ns: (exec(' + JSON.stringify(workerData.compilePy) + ', ns), ns["result"])[1])'
        + '({"ARG": __import__("json").loads(' + JSON.stringify(arg) + ')})';
      const failures = JSON.parse(py.runPython('__import__("json").dumps(' + code + ')'));
      if (failures.length > 0) { parentPort.postMessage({ ok: false, failure: failures[0] }); return; }
      parentPort.postMessage({ ok: true, pycs: jobs.map(([, , , cachePath]) => [cachePath, py.FS.readFile(scratch + '/out/' + cachePath)]) });
    } catch (error) {
      parentPort.postMessage({ ok: false, error: String(error && error.stack || error) });
    } finally {
      try { py.runPython('import shutil; shutil.rmtree(' + JSON.stringify(scratch) + ', ignore_errors=True)'); } catch {}
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((error) => parentPort.postMessage({ ready: false, error: String(error && error.stack || error) }));
`;

/** Options of {@link compileInParallel}. */
export interface ParallelPrecompileOptions {
  readonly modules: readonly PrecompileModule[];
  readonly target: PythonTarget;
  readonly mode: PrecompileMode;
  readonly root: string;
  readonly projectRoot?: string;
  /** Extra threads; this thread compiles too. */
  readonly workers: number;
  /** The Pyodide package each worker loads (the one `precompile` uses). */
  readonly compiler: PyodidePackage;
  /** Whether this thread compiles too. @default true */
  readonly localThread?: boolean;
}

/**
 * Compiles `modules` on this thread and up to `workers` worker threads, each with its own Pyodide, pulling
 * batches from one queue: this thread starts at once (its Pyodide is usually loaded already) and a worker joins
 * when its interpreter is ready, so a small build never waits for a worker. `threads` counts the threads that
 * compiled at least one batch. Every `.pyc` is checked like
 * `precompile` checks its own (magic number, mode, source hash). Resolves to the `.pyc` bytes by cache path and
 * how many threads took part.
 */
export async function compileInParallel(
  options: ParallelPrecompileOptions,
): Promise<{ pycs: Map<string, Uint8Array>; threads: number }> {
  const { target, mode, root } = options;
  const queue: PrecompileModule[][] = [];
  for (let i = 0; i < options.modules.length; i += BATCH) queue.push(options.modules.slice(i, i + BATCH));
  const pycs = new Map<string, Uint8Array>();
  const bySource = new Map(options.modules.map((module) => [module.source, module]));
  let threads = 0;
  let failed: unknown;
  const take = () => (failed === undefined ? queue.shift() : undefined);

  const local = async () => {
    if (options.localThread === false) return;
    for (let batch = take(), first = true; batch; batch = take(), first = false) {
      if (first) threads++;
      try {
        for (const [path, pyc] of await precompile({
          modules: batch,
          target,
          mode,
          root,
          projectRoot: options.projectRoot,
        }))
          pycs.set(path, pyc);
      } catch (error) {
        failed ??= error;
      }
      // Let worker replies in between batches (precompile runs Python synchronously).
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const remote = async () => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { indexURL: options.compiler.dir + sep, compilePy: COMPILE_PY },
    });
    try {
      const ready = await nextMessage<{ ready: boolean; error?: string }>(worker);
      if (!ready.ready)
        throw new Error(`pycache precompile: a worker could not load ${options.compiler.name}: ${ready.error ?? ''}`);
      let used = false;
      for (let batch = take(); batch; batch = take()) {
        if (!used) threads++;
        used = true;
        const jobs: WireJob[] = [];
        for (const module of batch) {
          for (const [key, cachePath] of Object.entries(module.cache)) {
            if (cachePath !== undefined)
              jobs.push([module.source, module.bytes, key === '' ? 0 : Number(key), cachePath]);
          }
        }
        worker.postMessage({ jobs, mode: mode === 'checked-hash' ? 'CHECKED_HASH' : 'UNCHECKED_HASH', root });
        const reply = await nextMessage<WorkerReply>(worker);
        if (reply.failure) {
          const f = reply.failure;
          const where = f.lineno ? `:${f.lineno}${f.offset ? `:${f.offset}` : ''}` : '';
          throw new PrecompileError(
            f.source,
            `pycache precompile: ${f.source}${where}: ${f.type}: ${f.msg} (Python ${target.version}, ${options.compiler.name}@${options.compiler.version})`,
            f.lineno ?? undefined,
            f.offset ?? undefined,
          );
        }
        if (!reply.ok || !reply.pycs)
          throw new Error(`pycache precompile: a worker failed: ${reply.error ?? 'no reply'}`);
        for (const [cachePath, pyc] of reply.pycs) {
          const source = batch.find((module) => Object.values(module.cache).includes(cachePath))?.source;
          const module = source === undefined ? undefined : bySource.get(source);
          if (!module || !bytecodeMatches(pyc, module.bytes, target, mode)) {
            throw new Error(
              `pycache precompile: a worker returned a .pyc for ${cachePath} whose header does not match its source, target or mode`,
            );
          }
          pycs.set(cachePath, new Uint8Array(pyc));
        }
      }
    } catch (error) {
      failed ??= error;
    } finally {
      await worker.terminate();
    }
  };

  await Promise.all([local(), ...Array.from({ length: options.workers }, remote)]);
  if (failed !== undefined) throw failed;
  return { pycs, threads };
}

/** Whether `pyc` is a `.pyc` of `source` for `target` in `mode` (magic number, flags, PEP 552 hash). */
export function bytecodeMatches(
  pyc: Uint8Array,
  source: Uint8Array,
  target: PythonTarget,
  mode: PrecompileMode,
): boolean {
  try {
    const header = readPycHeader(pyc, { target });
    return (
      header.kind === mode &&
      header.sourceHash !== undefined &&
      hex(header.sourceHash) === hex(sourceHash(source, { target }))
    );
  } catch {
    return false;
  }
}

function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: T) => {
      worker.off('error', onError);
      resolve(message);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
