// A Vite dev server on an app whose module cannot be decoded from the start: the request fails with file, line
// and column, the error reaches the overlay over HMR (with `loc`), the manifest URL serves the errors, not a
// partial manifest, and the server keeps running.
import { join } from 'node:path';
import { createServer } from 'vite';
import { describe, expect, it } from 'vitest';
import pycache from '../../plugins/vite.js';
import { copyApp, expectedModules } from '../helpers/vite-fixtures.js';

interface WsClient {
  on(event: 'message', listener: (data: unknown) => void): void;
  close(): void;
}
type WsClientConstructor = new (url: string, protocol: string) => WsClient;
interface HmrError {
  type: string;
  err?: { message: string; id?: string; loc?: { file?: string; line: number; column: number } };
}

describe('vite dev server, undecodable module at first load', () => {
  it(
    'fails the request and shows the overlay with file, line and column; the server stays up',
    { timeout: 60_000 },
    async () => {
      const dir = copyApp('bad');
      const server = await createServer({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        server: { host: '127.0.0.1', port: 0 },
        plugins: [pycache({ python: '3.12', roots: ['py'] })],
      });
      await server.listen();
      const base = server.resolvedUrls!.local[0];
      const wsModule: string = 'ws';
      const { default: WebSocket } = (await import(wsModule)) as { default: WsClientConstructor };
      const socket = new WebSocket(base.replace(/^http/, 'ws'), 'vite-hmr');
      const messages: HmrError[] = [];
      socket.on('message', (data) => messages.push(JSON.parse(String(data)) as HmrError));
      try {
        const waitFor = async (test: (m: HmrError) => boolean) => {
          for (let i = 0; i < 200; i++) {
            const found = messages.find(test);
            if (found) return found;
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
          throw new Error(`no such HMR message: ${JSON.stringify(messages)}`);
        };
        await waitFor((m) => m.type === 'connected');
        const file = join(dir, 'py/bad.py');
        const { error } = expectedModules('bad')['bad.py'];
        const response = await fetch(new URL('py/bad.py?import', base));
        expect(response.status).toBe(500);
        const overlay = await waitFor((m) => m.type === 'error');
        expect(overlay.err?.message).toContain(`${file}:3:9:`);
        expect(overlay.err?.message).toContain(error?.message);
        expect(overlay.err?.loc).toMatchObject({ line: 3, column: 8 });
        const manifest = await fetch(new URL('pycache-manifest.json', base));
        expect(manifest.status).toBe(500);
        expect(await manifest.text()).toContain(`${file}:3:9:`);
        // Still serving: the good module decodes.
        const good = await fetch(new URL('py/good.py?import', base));
        expect(good.status).toBe(200);
      } finally {
        socket.close();
        await server.close();
      }
    },
  );
});
