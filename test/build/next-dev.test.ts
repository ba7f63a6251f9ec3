// `next dev` (Turbopack) on the fixture app with withPycache: the manifest, sources and .pyc are served at
// /_next/static/pycache/ from startup (although Next.js empties its development folder after loading the config);
// an edit of a .py reaches the page and the manifest; an undecodable .py gives an error naming file, line and
// column, without the loader's stack, keeps the last good files served and does not stop the server. And `next dev
// --webpack`, where PycachePlugin in the client compiler writes the same folder and follows edits.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupNextApps, copyNextApp, PYCACHE_URL, startNext, waitFor } from '../helpers/next-app.js';
import type { NextServer } from '../helpers/next-app.js';

interface Manifest {
  modules: { module: string; sha256: string; size: number }[];
}

let dir: string;
let server: NextServer;

beforeAll(async () => {
  dir = copyNextApp();
  server = await startNext(dir, 'dev');
}, 90_000);
afterAll(async () => {
  await server?.stop();
  cleanupNextApps();
});

const manifestUrl = () => `${server.url}${PYCACHE_URL}pycache-manifest.json`;

async function manifest(): Promise<Manifest | undefined> {
  const response = await fetch(manifestUrl());
  return response.ok ? ((await response.json()) as Manifest) : undefined;
}

const greet = (m: Manifest) => m.modules.find((entry) => entry.module === 'shop.greet');

describe('next dev (Turbopack) with withPycache', () => {
  it('serves the manifest and the .pyc at /_next/static/pycache/ and renders the decoded text', async () => {
    const served = await waitFor(manifest, 20_000, 'the manifest');
    expect(served.modules.map((m) => m.module)).toEqual(['shop', 'shop.greet']);
    const pyc = await fetch(`${server.url}${PYCACHE_URL}shop/__pycache__/greet.cpython-314.pyc`);
    expect(pyc.status).toBe(200);
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain('CAFE = &quot;café&quot;');
  }, 90_000);

  it('an edit of a .py reaches the page and the manifest', async () => {
    const before = greet((await manifest()) as Manifest);
    const file = join(dir, 'py/shop/greet.py');
    const edited = Buffer.from(readFileSync(file).toString('latin1').replace('café', 'thé au lait'), 'latin1');
    writeFileSync(file, edited);
    const after = await waitFor(
      async () => {
        const entry = greet((await manifest()) as Manifest);
        return entry && entry.sha256 !== before?.sha256 ? entry : undefined;
      },
      20_000,
      'the manifest to follow the edit',
    );
    expect(after.size).toBe(edited.length);
    const page = await waitFor(
      async () => {
        const text = await (await fetch(`${server.url}/`)).text();
        return text.includes('thé au lait') ? text : undefined;
      },
      30_000,
      'the page to follow the edit',
    );
    expect(page).toContain('CAFE = &quot;thé au lait&quot;');
  }, 90_000);

  it('an undecodable .py: file, line and column, no loader stack; the last good files stay served', async () => {
    const good = await manifest();
    const file = join(dir, 'py/shop/__init__.py');
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from('X = "\xff"\n', 'latin1')]));
    const expected = `${file}:2:6: cannot decode Python source: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff`;
    // The build step's own report, in the dev server's output.
    await waitFor(async () => (server.output().includes(expected) ? true : undefined), 20_000, 'the error');
    expect(server.output()).toContain('nothing was written');
    // The page: Next.js answers 500 with Turbopack's error, which carries our message line and none of our frames.
    const response = await fetch(`${server.url}/`);
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(body).toContain(`PythonDecodeError: ${expected}`);
    expect(body).not.toMatch(/at (Object\.)?pycacheLoader|python-module\.ts|decode-source\.ts/);
    expect(server.output()).not.toMatch(/at (Object\.)?pycacheLoader|python-module\.ts|decode-source\.ts/);
    expect(await manifest()).toEqual(good);

    writeFileSync(file, original);
    const page = await waitFor(
      async () => {
        const r = await fetch(`${server.url}/`);
        return r.status === 200 ? r.text() : undefined;
      },
      30_000,
      'the page to recover',
    );
    expect(page).toContain('thé au lait');
    expect(await manifest()).toEqual(good);
  }, 120_000);
});

describe('next dev --webpack with withPycache', () => {
  it('serves the manifest at /_next/static/pycache/ once the page compiled, and follows an edit', async () => {
    const app = copyNextApp();
    const dev = await startNext(app, 'dev', ['--webpack']);
    try {
      const page = await (await fetch(`${dev.url}/`)).text();
      expect(page).toContain('CAFE = &quot;café&quot;');
      const url = `${dev.url}${PYCACHE_URL}pycache-manifest.json`;
      const read = async () => {
        const response = await fetch(url);
        return response.ok ? ((await response.json()) as Manifest) : undefined;
      };
      const first = await waitFor(read, 30_000, 'the manifest');
      expect(first.modules.map((m) => m.module)).toEqual(['shop', 'shop.greet']);
      const file = join(app, 'py/shop/greet.py');
      writeFileSync(file, Buffer.from(readFileSync(file).toString('latin1').replace('café', 'chocolat'), 'latin1'));
      await waitFor(
        async () => ((await (await fetch(`${dev.url}/`)).text()).includes('chocolat') ? true : undefined),
        30_000,
        'the page to follow the edit',
      );
      const after = await waitFor(
        async () => {
          const m = await read();
          return m && greet(m)?.sha256 !== greet(first)?.sha256 ? m : undefined;
        },
        30_000,
        'the manifest to follow the edit',
      );
      expect(greet(after)?.size).toBe(readFileSync(file).length);
    } finally {
      await dev.stop();
    }
  }, 120_000);
});
