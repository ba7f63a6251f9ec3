import type { BrowserContext } from 'playwright-core';
/** The example page's JSON report (`#report`). */
export interface ExampleReport {
  summary: { labels: string[]; total_cents: number; section_sign: string; ounces: number };
  modules: { module: string; file: string; cached: string; from: 'bytecode' | 'source' | 'other' }[];
  manifest: {
    python: { version: string; cacheTag: string; magicNumber: string };
    modules: { module: string; source: string; cache: string | undefined }[];
  };
  installed: { root: string; bytecodeFiles: number; bytes: number; requests: number; archive: string | null };
  /** What loadPython gave loadPyodide. */
  pyodideFrom: { source: 'manifest' | 'package' | 'options'; indexURL?: string; stdLibURL?: string };
  timings: { loadPythonMs: number; pyodideMs: number; installMs: number; importMs: number };
  /** Bundled modules compiled from source in the page. */
  compiledAtRunTime: string[];
  /** Files compiled after the page's audit hook went in (`compile` events). */
  compileEvents: string[];
  /** Stdlib modules in sys.modules (Pyodide's startup and the app's imports) by where their code came from. */
  stdlib: { modules: number; fromBytecode: number; fromSource: string[]; frozen: number };
}
export interface BrowserRun {
  status: string | null;
  report: ExampleReport | null;
  text: string;
  console: string[];
  external: string[];
}
export const PROJECT: string;
export const EXAMPLE: string;
export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
export function missingPrerequisite(): string | undefined;
export function launchChromium(name?: string): Promise<{ context: BrowserContext; close(): Promise<void> }>;
export function buildExample(bundler: 'vite' | 'webpack', options?: { precompile?: boolean }): Promise<string>;
export function serveStatic(
  dir: string,
  options?: { onRequest?: (path: string) => void },
): Promise<{ url: string; close(): Promise<void> }>;
export function runInBrowser(url: string, options?: { timeoutMs?: number }): Promise<BrowserRun>;
export function buildAndRun(
  bundler: 'vite' | 'webpack',
  options?: { precompile?: boolean; timeoutMs?: number },
): Promise<BrowserRun & { url: string; dir: string }>;
