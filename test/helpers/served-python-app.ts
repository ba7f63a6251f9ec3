// A Python app built for real by the Vite plugin with what a page ships (entries: ['app'], stdlib, archive,
// pyodide, precompile) and served over loopback HTTP: what the tests of loadPython against a served build share.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build as viteBuild } from 'vite';
import pycache from '../../plugins/vite.js';
import { serveStatic } from '../../scripts/example-app.mjs';

/** A built and served app. */
export interface ServedPythonApp {
  /** The project folder (the build is in its `dist/`). */
  readonly project: string;
  /** The server's URL, ending in `/`: the manifest is at `${base}py/pycache-manifest.json`. */
  readonly base: string;
  /** Stops the server and removes the project. */
  close(): Promise<void>;
}

/**
 * Writes `files` (paths under the project's `py/` root → text; the entry module is `app`), builds them with Vite
 * and serves `dist/`. `onRequest` sees each request's decoded path.
 */
export async function buildAndServePythonApp(
  name: string,
  files: Record<string, string>,
  onRequest?: (path: string) => void,
): Promise<ServedPythonApp> {
  const project = mkdtempSync(join(tmpdir(), `pycache-${name}-`));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, 'py', path)), { recursive: true });
    writeFileSync(join(project, 'py', path), text);
  }
  writeFileSync(join(project, 'package.json'), '{"name":"app","private":true}\n');
  writeFileSync(join(project, 'main.js'), 'export default 1;\n');
  await viteBuild({
    root: project,
    configFile: false,
    logLevel: 'silent',
    plugins: [
      pycache({
        roots: ['py'],
        entries: ['app'],
        stdlib: true,
        pyodide: true,
        precompile: true,
        manifest: 'py/pycache-manifest.json',
      }),
    ],
    build: {
      outDir: join(project, 'dist'),
      emptyOutDir: true,
      minify: false,
      lib: { entry: join(project, 'main.js'), formats: ['es'], fileName: 'main' },
    },
  });
  const server = await serveStatic(join(project, 'dist'), { onRequest });
  return {
    project,
    base: server.url,
    close: async () => {
      await server.close();
      rmSync(project, { recursive: true, force: true });
    },
  };
}
