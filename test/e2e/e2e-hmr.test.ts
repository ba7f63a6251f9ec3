// Hot updates end to end: the example page on Vite's dev server in headless Chromium; editing a .py on
// disk reaches the running Pyodide through the pycache:update event, reloading just that module, with
// no page reload.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium, EXAMPLE, PROJECT, missingPrerequisite } from '../../scripts/example-app.mjs';

const missing = missingPrerequisite();
if (missing) console.warn(`e2e HMR test skipped: ${missing}`);

describe.skipIf(missing !== undefined)('example app on the Vite dev server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pycache-hmr-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Generous limits: a loaded 2-core machine takes most of a minute to start Pyodide in the browser.
  it('an edited module is rewritten and reloaded in the running page', { timeout: 400_000 }, async () => {
    for (const name of ['index.html', 'main.ts', 'python'])
      cpSync(join(EXAMPLE, name), join(dir, name), { recursive: true });
    const { createServer } = await import('vite');
    const { default: pycache } = await import(join(PROJECT, 'dist/plugins/vite.js'));
    const server = await createServer({
      configFile: false,
      root: dir,
      logLevel: 'silent',
      // `pyodide: true`: the dev server serves the Pyodide runtime from the project's own package.
      plugins: [
        pycache({
          python: '3.14',
          roots: ['python'],
          manifest: 'py/pycache-manifest.json',
          // As the example's config: the page imports no .py; the dev server serves what shop.report reaches.
          entries: ['shop.report'],
          pyodide: true,
        }),
      ],
      resolve: { alias: { 'pycache-kit/pyodide': join(PROJECT, 'dist/src/pyodide/index.js') } },
      // The project's dist/ may be rebuilt meanwhile: not a reason to reload the page.
      server: { host: '127.0.0.1', port: 0, fs: { allow: [dir, PROJECT] }, watch: { ignored: ['**/dist/**'] } },
    });
    await server.listen();
    const { context, close: closeBrowser } = await launchChromium('pycache-hmr-chromium');
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const logs: string[] = [];
      page.on('console', (message) => logs.push(message.text()));
      await page.goto(server.resolvedUrls!.local[0], { timeout: 300_000 });
      await page.waitForSelector('body[data-status="done"], body[data-status="error"]', { timeout: 300_000 });
      expect(await page.getAttribute('body', 'data-status'), logs.join('\n')).toBe('done');
      expect(await page.textContent('#total')).toBe('29.38 EUR');
      await page.evaluate(() => {
        (window as unknown as { marker: number }).marker = 1;
      });
      const before = JSON.parse((await page.textContent('#report'))!) as { compiledAtRunTime: string[] };

      // Double the discount: 32.65 EUR gross, 20% off (653 cents, rounded half up) = 26.12 EUR.
      const file = join(dir, 'python/shop/pricing.py');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('gross * discount_percent + 50', 'gross * discount_percent * 2 + 50'),
      );
      await page.waitForFunction(() => document.getElementById('total')?.textContent !== '29.38 EUR', undefined, {
        timeout: 60_000,
      });
      expect(await page.textContent('#total')).toBe('26.12 EUR');
      // Same page (no reload), and only the edited module was compiled again.
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
      const after = JSON.parse((await page.textContent('#report'))!) as { compiledAtRunTime: string[] };
      expect(after.compiledAtRunTime).toEqual([...before.compiledAtRunTime, '/home/pyodide/shop/pricing.py']);
    } finally {
      await closeBrowser();
      await server.close();
    }
  });
});
