// Serves and emits the Pyodide runtime from the local `pyodide` npm package (no CDN), under `pyodide/`,
// for the Vite and the webpack build of the example alike. Only the files `loadPyodide` fetches.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What `loadPyodide({ indexURL })` loads from `indexURL`. */
export const RUNTIME_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

/** The output folder of the runtime files, relative to the page. */
export const RUNTIME_DIR = 'pyodide';

const TYPES = { '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.zip': 'application/zip', '.json': 'application/json' };

/** The installed `pyodide` package's folder, resolved from this example (so from the project). */
export function pyodideDir() {
  return dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
}

/** Vite plugin: serve the runtime files in dev, emit them in a build. */
export function vitePyodideRuntime() {
  return {
    name: 'example-pyodide-runtime',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /\/pyodide\/([^/?]+)(?:\?.*)?$/.exec(req.url ?? '');
        if (!match || !RUNTIME_FILES.includes(match[1])) return next();
        res.setHeader('Content-Type', TYPES[match[1].slice(match[1].lastIndexOf('.'))]);
        res.end(readFileSync(join(pyodideDir(), match[1])));
      });
    },
    generateBundle() {
      for (const file of RUNTIME_FILES) {
        this.emitFile({ type: 'asset', fileName: `${RUNTIME_DIR}/${file}`, source: readFileSync(join(pyodideDir(), file)) });
      }
    },
  };
}

/** webpack plugin: emit the runtime files and the page (index.html pointing at the webpack bundle). */
export class WebpackPyodideRuntime {
  constructor({ html, script }) {
    this.html = html;
    this.script = script;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('ExamplePyodideRuntime', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ExamplePyodideRuntime', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const file of RUNTIME_FILES) {
          // `minimized`: Terser would otherwise spend most of the build re-minifying pyodide.asm.mjs.
          compilation.emitAsset(`${RUNTIME_DIR}/${file}`, new sources.RawSource(readFileSync(join(pyodideDir(), file))), { minimized: true });
        }
        const page = readFileSync(this.html, 'utf8').replace(/src="\.\/main\.ts"/, `src="./${this.script}"`);
        compilation.emitAsset('index.html', new sources.RawSource(page));
      });
    });
  }
}
