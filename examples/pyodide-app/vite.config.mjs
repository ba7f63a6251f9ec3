// The example page built with Vite and pycache-kit's Vite plugin (built: run `npm run build` at the
// project root first). The same page builds with webpack: webpack.config.js.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import pycache from 'pycache-kit/vite';

const here = dirname(fileURLToPath(import.meta.url));
// EXAMPLE_PRECOMPILE=0 builds the page without bytecode, to compare (scripts/demo.mjs --compare).
const precompile = process.env.EXAMPLE_PRECOMPILE !== '0';

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  plugins: [
    pycache({
      // The Python target defaults to the Python of the project's `pyodide` package (3.14 here).
      roots: ['python'],
      manifest: 'py/pycache-manifest.json',
      // The bundle is what shop.report imports, found by parsing the Python (no JS import of any .py), shipped as
      // one archive next to the manifest (archive: true is the default with entries).
      entries: ['shop.report'],
      // The stdlib modules it reaches and Pyodide's own startup needs, compiled, as Pyodide's stdLibURL.
      stdlib: true,
      precompile,
      // Serve (dev) and emit (build) the Pyodide runtime under pyodide/ from the project's own `pyodide` package.
      pyodide: true,
    }),
  ],
  build: { outDir: join(here, 'dist/vite'), emptyOutDir: true, target: 'es2022' },
});
