// A precompile build runs the target's interpreter (Pyodide in Node) inside generateBundle, seconds that are the
// work the option asks for. Rolldown's PLUGIN_TIMINGS check reported it on every such build; the plugin drops
// that report when it blames pycache-kit alone, and keeps it when another plugin is slow too.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'vite';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import { appDir } from '../helpers/vite-fixtures.js';

async function logsOfPrecompileBuild(extra: Plugin[]): Promise<{ code?: string; message: string }[]> {
  const root = appDir('basic');
  const logs: { code?: string; message: string }[] = [];
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [pycache({ python: '3.14', roots: ['py'], precompile: true }), ...extra],
    build: {
      outDir: mkdtempSync(join(tmpdir(), 'pycache-logs-')),
      emptyOutDir: true,
      lib: { entry: join(root, 'main.js'), formats: ['es'], fileName: 'main' },
      rollupOptions: { onLog: (_level, log) => void logs.push({ code: log.code, message: log.message }) },
    },
  });
  return logs;
}

describe('Vite build with precompile', () => {
  it('prints no PLUGIN_TIMINGS report for the interpreter it runs', async () => {
    const logs = await logsOfPrecompileBuild([]);
    expect(logs.filter((log) => log.code === 'PLUGIN_TIMINGS')).toEqual([]);
  }, 180_000);

  it('still reports another slow plugin', async () => {
    const slow: Plugin = {
      name: 'slow-plugin',
      async generateBundle() {
        await sleep(4000);
      },
    };
    const reports = (await logsOfPrecompileBuild([slow])).filter((log) => log.code === 'PLUGIN_TIMINGS');
    expect(reports).toHaveLength(1);
    expect(reports[0].message).toContain('slow-plugin');
  }, 180_000);
});
