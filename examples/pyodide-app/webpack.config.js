// The same page as vite.config.mjs, built with webpack and pycache-kit's webpack loader and plugin,
// with the same options: proof that the two plugins are interchangeable.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PycachePlugin } from 'pycache-kit/webpack';
import { readFileSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const python = { roots: ['python'] };
// EXAMPLE_PRECOMPILE=0 builds the page without bytecode, to compare (scripts/demo.mjs --compare).
const precompile = process.env.EXAMPLE_PRECOMPILE !== '0';

/** Emits the page, pointing at the webpack bundle instead of main.ts. */
class ExamplePage {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('ExamplePage', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'ExamplePage', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const page = readFileSync(join(here, 'index.html'), 'utf8').replace(/src="\.\/main\.ts"/, 'src="./main.js"');
          compilation.emitAsset('index.html', new sources.RawSource(page));
        },
      );
    });
  }
}

export default {
  mode: 'production',
  context: here,
  entry: './main.ts',
  output: { path: join(here, 'dist/webpack'), filename: 'main.js', publicPath: 'auto', clean: true },
  resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  module: {
    rules: [{ test: /\.ts$/, loader: join(here, 'ts-transpile-loader.mjs') }],
  },
  plugins: [
    // The same options as vite.config.mjs: the bundle is what shop.report imports (one archive), the stdlib it
    // reaches compiled, and the Pyodide runtime emitted under pyodide/ from the project's own `pyodide` package.
    new PycachePlugin({
      ...python,
      manifest: 'py/pycache-manifest.json',
      entries: ['shop.report'],
      stdlib: true,
      precompile,
      pyodide: true,
    }),
    new ExamplePage(),
  ],
  // Minifying is not what the example shows, and Terser's worker pool costs more than the rest of the build.
  optimization: { minimize: false },
  performance: { hints: false },
};
