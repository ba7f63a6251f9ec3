// The Next.js fixture app (fixtures/next-app) built and served for real. Turbopack compiles only files under its
// root (the folder of the nearest lockfile), so the copy is made under the repository's git-ignored `.cache/`
// folder, where the repository's own node_modules (next, react, pyodide) resolve without links; only pycache-kit
// is linked, as an installed package would be.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './output-files.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const NEXT_BIN = join(repoRoot, 'node_modules/next/dist/bin/next');
/** Where the build serves the Python files (plugins/next.ts: PYCACHE_URL). */
export const PYCACHE_URL = '/_next/static/pycache/';

const made: string[] = [];

/** A fresh copy of fixtures/next-app; removed by {@link cleanupNextApps}. */
export function copyNextApp(): string {
  const parent = join(repoRoot, '.cache');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'next-app-'));
  made.push(dir);
  cpSync(join(repoRoot, 'fixtures/next-app'), dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repoRoot, join(dir, 'node_modules/pycache-kit'), 'dir');
  return dir;
}

export function cleanupNextApps(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The environment of every `next` run: no telemetry, and nothing of Vitest's that would choose a mode or bundler. */
const ENV: NodeJS.ProcessEnv = (() => {
  const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const name of ['NODE_ENV', 'TURBOPACK', 'VITEST', 'VITEST_MODE']) delete env[name];
  return env;
})();

/** Runs `next <args>` in `dir` to its end: its exit code, its output (stdout and stderr) and its wall time. */
export function runNext(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: dir, env: { ...ENV, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, ms: performance.now() - start }));
  });
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A running `next dev` or `next start`. */
export interface NextServer {
  readonly url: string;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `next <command>` in `dir` and resolves once it listens. */
export async function startNext(dir: string, command: 'dev' | 'start', args: string[] = []): Promise<NextServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [NEXT_BIN, command, '-H', '127.0.0.1', '-p', String(port), ...args],
    {
      cwd: dir,
      env: ENV,
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!/Ready in/.test(output)) {
    if (child.exitCode !== null) throw new Error(`next ${command} exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`next ${command} not ready in 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const closed = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      await closed;
    },
  };
}

/** Polls `check` (every 100 ms, up to `ms`) until it returns a value other than undefined. */
export async function waitFor<T>(check: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The Python files of a folder (manifest, sources, `.pyc`; with `runtime` also the Pyodide runtime's), by POSIX
 * path relative to it.
 */
export function pythonFiles(folder: string, runtime = false): Map<string, Buffer> {
  const files = filesUnder(folder);
  return new Map(
    [...files].filter(
      ([path]) => /\.(py|pyc)$|^pycache-manifest\.json$/.test(path) || (runtime && path.startsWith('pyodide/')),
    ),
  );
}

/** Every file under `dir` named `name` (POSIX paths relative to `dir`). */
export function filesNamed(dir: string, name: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === name) found.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return found.sort();
}
