// A real Vite dev server on the basic fixture app: modules and the manifest fetched over HTTP, and HMR observed
// by a WebSocket client speaking Vite's `vite-hmr` protocol, as the browser's client does.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, createServer } from 'vite';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import type { PycacheManifest, PycacheUpdatePayload } from '../../plugins/vite.js';
import { copyApp, expectedModules } from '../helpers/vite-fixtures.js';

interface HmrMessage {
  type: string;
  event?: string;
  data?: unknown;
  updates?: { path: string; acceptedPath: string }[];
  err?: { message: string; loc?: { line: number; column: number } };
}

let server: ViteDevServer;
let baseUrl: string;
let dir: string;
/** The part of the `ws` package's client used here (the package ships no types of its own). */
interface WsClient {
  on(event: 'message', listener: (data: unknown) => void): void;
  close(): void;
}
type WsClientConstructor = new (url: string, protocol: string) => WsClient;
let socket: WsClient;
const messages: HmrMessage[] = [];
const options = { python: '3.12', roots: ['py'], optimizations: [0, 2] as (0 | 2)[], emitSources: true };

/** Waits until a message matching `predicate` has arrived (looking at those already received first). */
function nextMessage(predicate: (message: HmrMessage) => boolean, timeoutMs = 10_000): Promise<HmrMessage> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const index = messages.findIndex(predicate);
      if (index >= 0) {
        resolve(messages.splice(index, 1)[0]);
      } else if (Date.now() - started > timeoutMs) {
        reject(new Error(`no matching HMR message; got ${JSON.stringify(messages)}`));
      } else {
        setTimeout(poll, 20);
      }
    };
    poll();
  });
}

/**
 * Writes `content` to `file` until a message matching `predicate` arrives: the file watcher drops a change that
 * follows the previous one to the same file within its throttle window, so one write may go unseen.
 */
async function writeUntil(
  file: string,
  content: string | Uint8Array,
  predicate: (message: HmrMessage) => boolean,
): Promise<HmrMessage> {
  for (let attempt = 1; ; attempt++) {
    writeFileSync(file, content);
    try {
      return await nextMessage(predicate, 2_000);
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

const fetchText = async (path: string) => {
  const response = await fetch(new URL(path, baseUrl));
  return { status: response.status, text: await response.text() };
};
const fetchManifest = async () => JSON.parse((await fetchText('/pycache-manifest.json')).text) as PycacheManifest;
const pycacheEvent = (type: string, source: string) => (m: HmrMessage) =>
  m.event === 'pycache:update' &&
  (m.data as PycacheUpdatePayload).type === type &&
  (m.data as PycacheUpdatePayload).source === source;

beforeAll(async () => {
  dir = copyApp('basic');
  // A module that accepts its own updates, so an edit to hot.py is an HMR update of it, not a page reload.
  writeFileSync(
    join(dir, 'hmr.js'),
    "import hot from './py/hot.py';\nexport { hot };\nif (import.meta.hot) import.meta.hot.accept();\n",
  );
  writeFileSync(join(dir, 'py/hot.py'), 'HOT = 1\n');
  server = await createServer({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false, ws: undefined },
    plugins: [pycache(options)],
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  baseUrl = `http://127.0.0.1:${address.port}/`;
  const wsModule: string = 'ws';
  const { default: WebSocket } = (await import(wsModule)) as { default: WsClientConstructor };
  socket = new WebSocket(`ws://127.0.0.1:${address.port}/`, 'vite-hmr');
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as HmrMessage));
  await nextMessage((m) => m.type === 'connected');
});

afterAll(async () => {
  socket?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('vite dev server', () => {
  const expected = expectedModules('basic');

  it('serves every imported .py as the decoded text, as a browser fetches it', async () => {
    const main = await fetchText('/main.js');
    expect(main.status).toBe(200);
    const imports = [...main.text.matchAll(/from "([^"]+\.py(?:\?[^"]*)?)"/g)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThanOrEqual(9);
    for (const path of imports) {
      const { status, text } = await fetchText(path);
      expect(status, path).toBe(200);
      if (/[?&](raw|url)\b/.test(path)) continue;
      const source = path.replace(/^\/py\//, '').replace(/\?.*$/, '');
      expect(text, path).toContain(`export default ${JSON.stringify(expected[source].text)}`);
    }
  });

  it('serves the manifest at the URL the build emits, with the bytes the build writes', async () => {
    const served = await fetchText('/pycache-manifest.json');
    expect(served.status).toBe(200);
    const built = await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [pycache(options)],
      build: { write: false, lib: { entry: join(dir, 'main.js'), formats: ['es'] } },
    });
    const outputs = (Array.isArray(built) ? built[0] : built) as {
      output: { fileName: string; source?: string | Uint8Array }[];
    };
    const asset = outputs.output.find((file) => file.fileName === 'pycache-manifest.json');
    expect(served.text).toBe(String(asset?.source));
  });

  it("serves each source's bytes at its manifest path (emitSources)", async () => {
    const response = await fetch(new URL('/app/legacy_latin1.py', baseUrl));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(
      new Uint8Array(readFileSync(join(dir, 'py/app/legacy_latin1.py'))),
    );
  });

  it('leaves module requests to Vite: an emitted source never shadows a script fetch of the same URL', async () => {
    const plain = await fetch(new URL('/app/legacy_latin1.py', baseUrl));
    expect(plain.headers.get('content-type')).toBe('text/x-python');
    const asScript = await fetch(new URL('/app/legacy_latin1.py', baseUrl), {
      headers: { 'sec-fetch-dest': 'script' },
    });
    expect(asScript.headers.get('content-type')).not.toBe('text/x-python');
    const asImport = await fetch(new URL('/app/legacy_latin1.py?import', baseUrl));
    expect(asImport.headers.get('content-type')).not.toBe('text/x-python');
  });

  it('serves virtual:pycache-manifest as a module that loads the served manifest', async () => {
    const { status, text } = await fetchText('/@id/__x00__virtual:pycache-manifest');
    expect(status).toBe(200);
    expect(text).toContain('/pycache-manifest.json');
  });

  it('sends pycache:update and an HMR update of the importer when a .py changes', async () => {
    await fetchText('/hmr.js');
    await fetchText('/py/hot.py?import');
    messages.length = 0;
    const event = await writeUntil(join(dir, 'py/hot.py'), 'HOT = 10\r\nB = 20\r\n', pycacheEvent('update', 'hot.py'));
    const payload = event.data as PycacheUpdatePayload;
    expect(payload.module).toBe('hot');
    expect(payload.entry?.size).toBe(18);
    expect(payload.manifest.modules.find((m) => m.source === 'hot.py')?.sha256).toBe(payload.entry?.sha256);
    const update = await nextMessage((m) => m.type === 'update');
    expect(update.updates?.map((u) => u.acceptedPath)).toContain('/hmr.js');
    expect((await fetchText('/py/hot.py?import')).text).toContain('export default "HOT = 10\\nB = 20\\n"');
    expect((await fetchManifest()).modules.find((m) => m.source === 'hot.py')?.size).toBe(18);
  });

  it('adds a created .py to the manifest and drops a deleted one', async () => {
    messages.length = 0;
    writeFileSync(join(dir, 'py/app/added.py'), 'ADDED = 1\n');
    const created = await nextMessage(pycacheEvent('create', 'app/added.py'));
    expect((created.data as PycacheUpdatePayload).module).toBe('app.added');
    expect((await fetchManifest()).modules.map((m) => m.source)).toContain('app/added.py');
    rmSync(join(dir, 'py/app/bom.py'));
    const deleted = await nextMessage(pycacheEvent('delete', 'app/bom.py'));
    expect((deleted.data as PycacheUpdatePayload).entry).toBeNull();
    expect((await fetchManifest()).modules.map((m) => m.source)).not.toContain('app/bom.py');
  });

  it('shows an undecodable edit in the overlay with file, line and column, and serves no partial manifest', async () => {
    messages.length = 0;
    const error = await writeUntil(
      join(dir, 'py/app/crlf.py'),
      Buffer.concat([Buffer.from('A = 1\nB = "'), Buffer.from([0xff]), Buffer.from('"\n')]),
      (m) => m.type === 'error',
    );
    expect(error.err?.message).toContain(`${join(dir, 'py/app/crlf.py')}:2:6:`);
    expect(error.err?.message).toContain("'utf-8' codec can't decode byte 0xff in position 11: invalid start byte");
    expect(error.err?.loc).toMatchObject({ line: 2, column: 5 });
    expect((await fetchText('/pycache-manifest.json')).status).toBe(500);
    await writeUntil(join(dir, 'py/app/crlf.py'), 'A = 1\n', pycacheEvent('update', 'app/crlf.py'));
    expect((await fetchText('/pycache-manifest.json')).status).toBe(200);
  });
});
