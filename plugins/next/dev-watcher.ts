/**
 * `next dev` with Turbopack: Turbopack rebuilds the imports of an edited `.py` itself (its loader rule), but runs
 * no plugin, so the manifest, sources and `.pyc` are rewritten here: once at startup, then after every change under
 * the roots. A file that cannot be decoded is reported (file, line, column) and the previous files stay served.
 * Next.js empties its development folder after loading the config (when its bundler starts), so the folder is
 * also written again whenever it is found missing.
 */
import { existsSync, readdirSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedPycacheOptions } from '../common/options.js';
import { writePythonFolder } from './python-folder.js';

/** Folders the Python file walk skips (as the CLI's): their changes never change the build. */
const SKIPPED = new Set(['__pycache__', 'node_modules']);

/** A running watcher; `close()` stops it. `ready` settles after the first write. */
export interface PythonFolderWatcher {
  readonly ready: Promise<void>;
  close(): void;
}

const RESTORE_INTERVAL_MS = 500;

// One watcher per served folder and process: Next.js may load its config more than once.
const running = new Map<string, PythonFolderWatcher>();

/** Every folder under `roots` that may hold a module (each root included). */
function foldersUnder(roots: readonly string[]): Set<string> {
  const folders = new Set<string>();
  const pending = [...roots];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    if (folders.has(dir)) continue;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    folders.add(dir);
    for (const entry of entries)
      if (entry.isDirectory() && !SKIPPED.has(entry.name) && !entry.name.startsWith('.'))
        pending.push(join(dir, entry.name));
  }
  return folders;
}

/**
 * Writes the Python files into `folder` now and after each change under `roots`. Each folder is watched on its
 * own (not recursively: a root may be the project folder, whose `node_modules` must not be watched), and the set
 * is renewed after every run, so new packages are followed.
 */
export function watchPythonFolder(
  options: ResolvedPycacheOptions,
  roots: readonly string[],
  projectDir: string,
  folder: string,
  log: { info(line: string): void; error(line: string): void },
): PythonFolderWatcher {
  const existing = running.get(folder);
  if (existing) return existing;
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let runningBuild: Promise<void> | undefined;
  let again = false;
  let closed = false;
  // Whether the folder holds the last good build (a failed one writes nothing and is not retried until an edit).
  let written = false;

  const build = async (): Promise<void> => {
    try {
      const result = await writePythonFolder(options, roots, projectDir, folder);
      written = true;
      for (const line of result.messages) log.info(line);
      log.info(`pycache: ${result.files.length} file(s) written to ${folder}`);
    } catch (error) {
      written = false;
      log.error(error instanceof Error ? error.message : String(error));
    }
    if (!closed) follow();
  };
  const run = (): Promise<void> => {
    if (runningBuild) {
      again = true;
      return runningBuild;
    }
    runningBuild = build().finally(() => {
      runningBuild = undefined;
      if (again && !closed) {
        again = false;
        void run();
      }
    });
    return runningBuild;
  };
  const changed = (name: string | null) => {
    if (name !== null && !/\.pyw?$/.test(name) && name.includes('.')) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 30);
  };
  const follow = () => {
    const folders = foldersUnder(roots);
    for (const [dir, watcher] of watchers) {
      if (folders.has(dir)) continue;
      watcher.close();
      watchers.delete(dir);
    }
    for (const dir of folders) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => changed(name));
        watcher.on('error', () => {});
        watchers.set(dir, watcher);
      } catch {
        // A folder removed since the walk: the next run renews the set.
      }
    }
  };
  // Checked twice a second: one stat, and a rewrite when Next.js (or a user) removed the folder.
  const restore = setInterval(() => {
    if (written && !runningBuild && !existsSync(folder)) void run();
  }, RESTORE_INTERVAL_MS);
  restore.unref();
  const watcher: PythonFolderWatcher = {
    ready: run(),
    close() {
      closed = true;
      clearInterval(restore);
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
      running.delete(folder);
    },
  };
  running.set(folder, watcher);
  return watcher;
}
