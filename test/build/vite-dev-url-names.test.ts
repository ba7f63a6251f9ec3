// Sources whose names need percent-encoding in a URL (a space, non-ASCII letters) are served by the Vite dev
// server at their manifest paths: the middleware compared the raw (encoded) request path with the plain one, so
// the request fell through to index.html and the runtime's SHA-256 check failed. A malformed escape is left to
// Vite and never takes the server down.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import type { PycacheManifest } from '../../plugins/vite.js';

let server: ViteDevServer;
let baseUrl: string;
let dir: string;

const SOURCES: Record<string, string> = {
  'sp ace.py': 'A = 1\n',
  'café.py': '# coding: latin-1\nB = "\xe9"\n',
  'dir one/ünï.py': 'C = 3\n',
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pck-dev-names-'));
  for (const [source, text] of Object.entries(SOURCES)) {
    mkdirSync(join(dir, 'py', source, '..'), { recursive: true });
    writeFileSync(join(dir, 'py', source), Buffer.from(text, 'latin1'));
  }
  writeFileSync(
    join(dir, 'main.js'),
    Object.keys(SOURCES)
      .map((s, i) => `import m${i} from ${JSON.stringify(`./py/${s}`)};\nconsole.log(m${i});\n`)
      .join(''),
  );
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="/main.js"></script>\n');
  server = await createServer({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    plugins: [pycache({ python: '3.12', roots: ['py'], emitSources: true })],
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  baseUrl = `http://127.0.0.1:${address.port}/`;
  // Vite lists a module in the dev manifest once it has loaded it: load them as the page would.
  for (const source of Object.keys(SOURCES)) await server.transformRequest(`/py/${source}`);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Vite dev server: sources whose names need percent-encoding', () => {
  it('serves each at its manifest path, with the bytes the manifest hashes', async () => {
    const manifest = (await (await fetch(new URL('pycache-manifest.json', baseUrl))).json()) as PycacheManifest;
    expect(manifest.modules.map((m) => m.source).sort()).toEqual(Object.keys(SOURCES).sort());
    for (const entry of manifest.modules) {
      const url = new URL(entry.source, baseUrl); // as the runtime makes it: 'sp%20ace.py', 'caf%C3%A9.py'
      expect(url.pathname).not.toBe(`/${entry.source}`);
      const response = await fetch(url);
      expect(response.headers.get('content-type'), entry.source).toBe('text/x-python');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex'), entry.source).toBe(entry.sha256);
    }
  });

  it('leaves a malformed escape to Vite, and keeps serving', async () => {
    const response = await fetch(new URL('/caf%C3%A.py', baseUrl));
    expect(response.headers.get('content-type')).not.toBe('text/x-python');
    expect((await fetch(new URL('sp%20ace.py', baseUrl))).status).toBe(200);
  });
});
