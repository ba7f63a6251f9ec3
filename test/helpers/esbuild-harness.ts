// Real esbuild builds of the fixture apps: a temporary project with fixtures/apps/<app>/py, an entry from
// fixtures/webpack/ (plain ES modules), the esbuild fixture's build script and pycache-kit linked into its
// node_modules, so `pycache-kit/esbuild` resolves through package.json `exports` to the BUILT plugin.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import type { PycacheEsbuildOptions } from '../../plugins/esbuild.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const made: string[] = [];

/** The esbuild fixture app: webpack's entry of fixtures/apps/basic (every module, named exports) and build.mjs. */
export const BASIC_APP = ['webpack/basic', 'esbuild/basic'] as const;

/**
 * A temporary project: the app's `py/`, the files of each fixture folder named in `entry` (under fixtures/), then
 * `extra`.
 */
export function makeProject(
  app: string | null,
  entry: string | readonly string[],
  extra: Record<string, string | Uint8Array> = {},
): string {
  const folders = typeof entry === 'string' ? [entry] : entry;
  const dir = mkdtempSync(join(tmpdir(), `pycache-esbuild-${folders[0].replace(/\W/g, '-')}-`));
  made.push(dir);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repoRoot, join(dir, 'node_modules/pycache-kit'), 'dir');
  symlinkSync(join(repoRoot, 'node_modules/esbuild'), join(dir, 'node_modules/esbuild'), 'dir');
  if (app) cpSync(join(repoRoot, 'fixtures/apps', app, 'py'), join(dir, 'py'), { recursive: true });
  for (const folder of folders) cpSync(join(repoRoot, 'fixtures', folder), dir, { recursive: true });
  for (const [file, content] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

export function cleanupProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The built plugin factory, as `import pycache from 'pycache-kit/esbuild'` gives it in `dir`. */
export async function pluginFrom(dir: string): Promise<(options?: PycacheEsbuildOptions) => Plugin> {
  const file = createRequire(join(dir, 'package.json')).resolve('pycache-kit/esbuild');
  return ((await import(pathToFileURL(file).href)) as { default: (options?: PycacheEsbuildOptions) => Plugin }).default;
}

/** Imports a built ES module (cache-busted). */
export async function importBundle<T>(file: string): Promise<T> {
  return (await import(`${pathToFileURL(file).href}?t=${Date.now()}${Math.random()}`)) as T;
}
