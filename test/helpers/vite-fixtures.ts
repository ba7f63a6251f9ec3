// Helpers shared by the Vite, Rollup, Rolldown and CLI manifest tests: the fixture apps and what CPython said.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const appsDir = join(repoRoot, 'fixtures', 'apps');

/** The folder of a fixture app. */
export function appDir(name: 'basic' | 'bad' | 'bad-cookie'): string {
  return join(appsDir, name);
}

/** A fresh copy of a fixture app in a temporary folder (for tests that edit files or write output). */
export function copyApp(name: 'basic' | 'bad' | 'bad-cookie'): string {
  const dir = mkdtempSync(join(tmpdir(), `pycache-${name}-`));
  cpSync(appDir(name), dir, { recursive: true });
  return dir;
}

/** One module as CPython 3.12 described it (scripts/generate-app-fixtures.mjs). */
export interface ExpectedModule {
  cache: Record<'' | '1' | '2', string>;
  encoding?: string;
  text?: string;
  error?: { type: string; message: string; start: number | null; lineno: number | null };
}

/** `expected.json` of an app: root-relative source path → what CPython said. */
export function expectedModules(name: 'basic' | 'bad' | 'bad-cookie'): Record<string, ExpectedModule> {
  return JSON.parse(readFileSync(join(appDir(name), 'expected.json'), 'utf8')).modules;
}

/** Imports an ES module from a file written to disk (cache-busted). */
export async function importFile(file: string): Promise<Record<string, unknown>> {
  return import(`${pathToFileURL(file).href}?t=${Date.now()}${Math.random()}`);
}
