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

/** What `app.run()` returned (a dict of strings) and the `.py` files compiled while `app` was imported and run. */
export interface AppRun {
  readonly results: Record<string, string>;
  readonly compiled: readonly string[];
}

// Imports the app and runs it, recording each file compile (an audit hook: bytecode loads raise no such event).
const RUN_APP = `
import sys, json
compiled = []
sys.addaudithook(lambda event, args: event == 'compile' and isinstance(args[1], str) and args[1].endswith('.py') and compiled.append(args[1]))
import app
json.dumps({'results': app.run(), 'compiled': compiled})
`;

/**
 * Runs `app.run()` in the served build, loaded with `loadPython` (its stdlib archive included), and in Pyodide
 * with its own whole stdlib and `files` (the app's sources) on `sys.path`: the interpreter's answers to compare
 * the build's with.
 */
export async function runAppBesideWholeStdlib(
  served: ServedPythonApp,
  files: Record<string, string>,
): Promise<{ built: AppRun; whole: AppRun }> {
  const { loadPython } = await import('../../src/pyodide/index.js');
  const { loadTestPyodide } = await import('./pyodide-helpers.js');
  const built = await loadPython(`${served.base}py/pycache-manifest.json`, {
    pyodideOptions: { stdout: () => {}, stderr: () => {} },
  });
  const whole = await loadTestPyodide();
  for (const [path, text] of Object.entries(files)) {
    whole.FS.mkdirTree(`/home/pyodide/app-files/${path}`.replace(/\/[^/]*$/, ''));
    whole.FS.writeFile(`/home/pyodide/app-files/${path}`, text);
  }
  return {
    built: JSON.parse(built.runPython(RUN_APP) as string) as AppRun,
    whole: JSON.parse(
      whole.runPython(`import sys; sys.path.insert(0, '/home/pyodide/app-files')\n${RUN_APP}`) as string,
    ) as AppRun,
  };
}
