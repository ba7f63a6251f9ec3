// `virtual:pycache-manifest` in a real browser on Vite's dev server: the imported object follows edits,
// additions and deletions, and with `manifest: false` it still works while no manifest file is served.
import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import { launchChromium, missingPrerequisite } from '../../scripts/example-app.mjs';
import { copyApp } from '../helpers/vite-fixtures.js';

const missing = missingPrerequisite();
if (missing) console.warn(`dev manifest browser test skipped: ${missing}`);

interface Entry {
  source: string;
  sha256: string;
}

describe.skipIf(missing !== undefined)('virtual:pycache-manifest on the dev server, in Chromium', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const manifest of ['pycache-manifest.json', false] as const) {
    it(
      `follows edits, additions and deletions (manifest: ${JSON.stringify(manifest)})`,
      { timeout: 120_000 },
      async () => {
        const dir = copyApp('basic');
        dirs.push(dir);
        writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./entry.js"></script>');
        // Accepting main.js keeps the page (and the manifest object it holds) across edits of the modules it imports.
        writeFileSync(
          join(dir, 'entry.js'),
          [
            'import * as app from "./main.js";',
            'window.app = app;',
            'window.marker = 1;',
            'document.body.dataset.ready = "1";',
            'if (import.meta.hot) import.meta.hot.accept("./main.js", () => {});',
          ].join('\n'),
        );
        const plugin = pycache({ python: '3.12', roots: ['py'], manifest });
        const server = await createServer({
          configFile: false,
          root: dir,
          logLevel: 'silent',
          plugins: [plugin],
          server: { host: '127.0.0.1', port: 0 },
        });
        await server.listen();
        const url = server.resolvedUrls!.local[0];
        const { context, close: closeBrowser } = await launchChromium('pycache-manifest-chromium');
        try {
          const page = context.pages()[0] ?? (await context.newPage());
          await page.goto(url);
          await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60_000 });
          const entries = () =>
            page.evaluate(() =>
              (window as unknown as { app: { manifest: { modules: Entry[] } } }).app.manifest.modules.map((m) => ({
                source: m.source,
                sha256: m.sha256,
              })),
            );
          const initial = await entries();
          expect(initial.map((e) => e.source)).toContain('app/main.py');
          // With `manifest: false` nothing is served there (Vite's SPA fallback answers with the page).
          const file = await fetch(new URL('pycache-manifest.json', url));
          expect(file.headers.get('content-type')?.startsWith('application/json')).toBe(manifest !== false);

          const sha = (all: Entry[], source: string) => all.find((e) => e.source === source)?.sha256;
          const mainSha = sha(initial, 'app/main.py');
          writeFileSync(join(dir, 'py/app/main.py'), '# edited\nx = 2\n');
          await page.waitForFunction(
            (old) =>
              (window as unknown as { app: { manifest: { modules: Entry[] } } }).app.manifest.modules.find(
                (m) => m.source === 'app/main.py',
              )?.sha256 !== old,
            mainSha,
            { timeout: 30_000 },
          );

          writeFileSync(join(dir, 'py/app/added.py'), 'y = 1\n');
          await page.waitForFunction(
            () =>
              (window as unknown as { app: { manifest: { modules: Entry[] } } }).app.manifest.modules.some(
                (m) => m.source === 'app/added.py',
              ),
            undefined,
            { timeout: 30_000 },
          );
          unlinkSync(join(dir, 'py/app/added.py'));
          await page.waitForFunction(
            () =>
              !(window as unknown as { app: { manifest: { modules: Entry[] } } }).app.manifest.modules.some(
                (m) => m.source === 'app/added.py',
              ),
            undefined,
            { timeout: 30_000 },
          );

          // No reload: the page kept its state, and the object it holds is the manifest the plugin has now.
          expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
          const now = await entries();
          expect(now).toEqual(
            (plugin.api as { manifest(): { modules: Entry[] } })
              .manifest()
              .modules.map((m) => ({ source: m.source, sha256: m.sha256 })),
          );
          expect(now.length).toBe(initial.length);
          expect(sha(now, 'app/main.py')).not.toBe(mainSha);
        } finally {
          await closeBrowser();
          await server.close();
        }
      },
    );
  }
});
