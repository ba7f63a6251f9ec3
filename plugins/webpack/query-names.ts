/**
 * Output and import names holding `?` or `#`. webpack's `Compiler.emitAssets` cuts every asset name at the first
 * `?` or `#` (they start a query or fragment there, with no escape), so `emitAsset('h#sh.py')` writes `h`; Rspack
 * writes the name as given. On webpack such files are written here instead, through `compiler.outputFileSystem`
 * after webpack's own writes (`afterEmit`): webpack-dev-middleware's memory file system and `output.clean` (which
 * runs in `emit`, before) keep working. And no request can import a file with `?` in its name on either host (the
 * resolver reads it as a query, and `\0?` is not an escape for it, unlike `\0#`): the plugin names such a file.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PythonOutput } from '../common/index.js';
import type { CompilationLike, CompilerLike, OutputFileSystemLike } from './host-types.js';

/** What {@link tapQueryNames} gives the plugin. */
export interface QueryNames {
  /** The outputs to emit as assets; on webpack, those with `?`/`#` are kept back and written after webpack's writes. */
  assets(compilation: CompilationLike, outputs: readonly PythonOutput[]): PythonOutput[];
}

/**
 * Taps the compiler for names with `?` or `#`: a request naming a Python file with `?` in its name fails with
 * {@link queryNameProblem}; on webpack, the outputs {@link QueryNames.assets} keeps back are written in `afterEmit`.
 */
export function tapQueryNames(compiler: CompilerLike, name: string): QueryNames {
  const keptBack = new WeakMap<CompilationLike, PythonOutput[]>();
  const cuts = hostCutsAssetNames(compiler);
  compiler.hooks.afterEmit.tapPromise(name, async (compilation) => {
    const files = keptBack.get(compilation);
    if (!files) return;
    const fs = compiler.outputFileSystem;
    if (!fs)
      throw new Error(
        `pycache: cannot write ${files.map((file) => file.fileName).join(', ')}: the compiler has no output file system`,
      );
    await writeOutputs(fs, compilation.getPath(compiler.outputPath, {}), files);
  });
  compiler.hooks.normalModuleFactory.tap(name, (factory) => {
    factory.hooks.beforeResolve.tap(name, (data) => {
      const problem = queryNameProblem(data.request, data.context);
      if (problem) throw problem;
    });
  });
  return {
    assets(compilation, outputs) {
      if (!cuts) return [...outputs];
      const cut = outputs.filter(({ fileName }) => isCutName(fileName));
      if (cut.length > 0) keptBack.set(compilation, cut);
      return outputs.filter(({ fileName }) => !isCutName(fileName));
    },
  };
}

/** Whether the host cuts emitted asset names at `?` and `#` (webpack 5; Rspack keeps them). */
function hostCutsAssetNames(compiler: CompilerLike): boolean {
  return !('rspackVersion' in compiler.webpack);
}

/** Whether webpack would write `fileName` under another name. */
function isCutName(fileName: string): boolean {
  return /[?#]/.test(fileName);
}

/** Writes `files` (paths relative to `outputPath`) through the compiler's output file system, making folders. */
async function writeOutputs(
  fs: OutputFileSystemLike,
  outputPath: string,
  files: readonly PythonOutput[],
): Promise<void> {
  for (const { fileName, source } of files) {
    const path = join(outputPath, fileName);
    await makeFolder(fs, dirname(path));
    await new Promise<void>((done, fail) =>
      fs.writeFile(
        path,
        typeof source === 'string' ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength),
        (error) => (error ? fail(error) : done()),
      ),
    );
  }
}

/** `mkdir -p` over the callback API every output file system has (`recursive` is not in webpack's type). */
async function makeFolder(fs: OutputFileSystemLike, path: string): Promise<void> {
  const error = await new Promise<NodeJS.ErrnoException | null | undefined>((done) => fs.mkdir(path, done));
  if (!error || error.code === 'EEXIST') return;
  if (error.code !== 'ENOENT' || dirname(path) === path) throw error;
  await makeFolder(fs, dirname(path));
  await makeFolder(fs, path);
}

/**
 * The error for a request that names a Python file with `?` in its name (`./q?x.py`): the resolver reads the
 * rest as a query, so the file can never be imported. `undefined` for any other request.
 */
export function queryNameProblem(request: string, context: string): Error | undefined {
  if (!request.includes('?') || !/^\.{0,2}\//.test(request)) return undefined;
  const file = resolve(context, request.replaceAll('\0', ''));
  if (!/\.pyw?$/.test(file) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
  const error = new Error(
    `pycache: ${file} cannot be imported: its name holds '?', where webpack and Rspack start a request's query (no escape exists for it); rename the file`,
  );
  // The message is the whole story: webpack hides the stack on `hideStack`, Rspack prints `stack`.
  error.stack = `${error.name}: ${error.message}`;
  return Object.assign(error, { hideStack: true });
}
