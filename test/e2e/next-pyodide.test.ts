// The Next.js fixture app (fixtures/next-app), built with `next build` (Turbopack) and served by `next start`, in
// headless Chromium: its client component runs `loadPython` from pycache-kit/pyodide on the files the build wrote
// under /_next/static/pycache/ (manifest, .pyc, the Pyodide runtime), and every module of the package comes from
// its .pyc (the import system's bytecode path, traced in the page), with no request leaving the app's server.
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium, missingPrerequisite } from '../../scripts/example-app.mjs';
import { cleanupNextApps, copyNextApp, runNext, startNext } from '../helpers/next-app.js';

const missing = missingPrerequisite();
if (missing) console.warn(`Next.js browser test skipped: ${missing}`);

describe.skipIf(missing !== undefined)('a Next.js page runs Python from its build, in Chromium', () => {
  afterAll(() => cleanupNextApps());

  it(
    'loadPython installs the build; shop.greet runs; every module comes from its .pyc',
    { timeout: 240_000 },
    async () => {
      const dir = copyNextApp();
      const built = await runNext(dir, ['build']);
      expect(built.code, built.output).toBe(0);
      const server = await startNext(dir, 'start');
      const { context, close: closeBrowser } = await launchChromium('pycache-next-chromium');
      const external: string[] = [];
      context.on('request', (request) => {
        if (new URL(request.url()).origin !== server.url) external.push(request.url());
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${server.url}/`);
        // The client component is hydrated once its button reacts.
        await page.waitForFunction(() => document.querySelector('#client-source')?.textContent?.includes('café'));
        await page.click('#run');
        await page.waitForFunction(() => (document.querySelector('#result')?.textContent ?? '') !== '', undefined, {
          timeout: 180_000,
        });
        const text = (await page.textContent('#result')) ?? '';
        expect(text).not.toMatch(/^error:/);
        const result = JSON.parse(text) as { greeting: string; modules: Record<string, string> };
        expect(result.greeting).toBe('café for Next');
        expect(result.modules).toEqual({ shop: 'bytecode', 'shop.greet': 'bytecode' });
        expect(external).toEqual([]);
      } finally {
        await closeBrowser();
        await server.stop();
      }
    },
  );
});
