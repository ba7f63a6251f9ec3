/**
 * `pycache-kit/esbuild`: import `.py` files as the text CPython's `decode_source` gives, and write the
 * `__pycache__` manifest (with `emitSources` the sources, with `precompile` the `.pyc` files) next to the bundle.
 * An esbuild plugin, so also a tsup plugin (`esbuildPlugins`) and a Bun bundler plugin (`Bun.build({ plugins })`,
 * which calls the same hooks but reports errors only by throwing). A thin adapter: the module records are the Vite
 * host's (`vite/python-modules.ts`, validated as esbuild options), the files to write come from the host layer's
 * `pythonOutputs`, exactly as in every other host.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BuildResult, OnEndResult, OnLoadResult, PartialMessage, Plugin } from 'esbuild';
import { pythonOutputs } from './common/build-outputs.js';
import type { PycacheEsbuildOptions } from './common/options.js';
import { loadErrorMessage } from './esbuild/messages.js';
import { memoryOutputs, outputFolder } from './esbuild/output-files.js';
import { writeOutputs } from './common/write-outputs.js';
import { pythonNamedExportsCode } from './common/module-code.js';
import type { PythonModuleNames } from './common/module-code.js';
import { PythonModules } from './vite/python-modules.js';

export type {
  PycacheEsbuildOptions,
  OptimizationLevel,
  PrecompileOptions,
  InvalidationMode,
} from './common/options.js';
export type { PycacheManifest, ManifestModule, CacheKey } from '../src/contract/index.js';

/**
 * What esbuild's `onLoad` sees: `.py` and `.pyw` paths only (esbuild runs the regex in Go and never calls the plugin
 * for another file), in the `file` namespace. `include`/`exclude` choose among these.
 */
const PYTHON_FILE = /\.pyw?$/;

/**
 * The plugin. `options` are validated now (a `PycacheOptionError` names a bad option); the project root is
 * esbuild's `absWorkingDir` (else the current folder), where the default Python target is read from `pyodide`.
 */
export default function pycache(options: PycacheEsbuildOptions = {}): Plugin {
  const modules = new PythonModules(options, 'esbuild');
  const limit = concurrency(LOADS_AT_ONCE);
  return {
    name: 'pycache-kit',
    setup(build) {
      const initial = build.initialOptions;
      const workingDir = initial.absWorkingDir ?? process.cwd();
      // Bun's bundler: its builder has `config`; its hooks ignore returned errors, and onEnd gets Bun's BuildOutput.
      const bun = 'config' in build;
      modules.configure(workingDir);

      // Every build (and every rebuild of a context) starts from what `onLoad` finds this time.
      build.onStart(() => {
        modules.clear();
      });

      // esbuild reads a file whose text is its UTF-8 bytes itself (`text` loader): only names cross to JavaScript.
      const textLoader = !bun && readsTextItself(build.esbuild?.version);

      build.onLoad({ filter: PYTHON_FILE, namespace: 'file' }, async (args): Promise<OnLoadResult | undefined> => {
        const { path } = args;
        // The file as text, imported by the module below (or by the app itself): esbuild's own loader.
        if (args.with?.type === 'text' || !modules.isPython(path)) return undefined;
        const { bytes, result } = await limit(async () => {
          const read = readBytes(path);
          const plain = textLoader && importableAsText(path) ? modules.loadPlain(path, read) : undefined;
          if (plain !== undefined)
            return { bytes: read, result: { code: textModuleCode(path, plain.names), readByEsbuild: true } };
          return { bytes: read, result: await modules.load(path, read) };
        });
        if ('error' in result) {
          if (bun) throw result.error;
          return { errors: [loadErrorMessage(result.error, path, bytes, workingDir)], watchFiles: [path] };
        }
        // esbuild reads each `watchFiles` entry into its cache at once: a second copy of the file in Go, where the
        // text import is a file esbuild reads (and watches) itself.
        if ('readByEsbuild' in result) return { contents: result.code, loader: 'js' };
        return { contents: result.code, loader: 'js', watchFiles: [path] };
      });

      build.onEnd(async (result: BuildResult | BunBuildOutput) => {
        const outcome = await finish(result);
        if (!bun) return outcome;
        for (const warning of outcome?.warnings ?? []) console.warn(warning.text);
        if (outcome?.errors?.length) throw new Error(outcome.errors.map((error) => error.text).join('\n'));
        return undefined;
      });

      async function finish(result: BuildResult | BunBuildOutput): Promise<OnEndResult | undefined> {
        // esbuild (and Bun) wrote nothing for a failed build; neither do we (a failed module is among its errors).
        if ('errors' in result ? result.errors.length > 0 : !result.success) return undefined;
        const failures = modules.failures();
        if (failures.length > 0)
          return {
            errors: [
              {
                text: `pycache: no manifest written: ${failures.length} Python file(s) failed: ${failures.join('; ')}`,
              },
            ],
          };
        let outputs;
        try {
          outputs = await pythonOutputs(modules.options, modules.built(), modules.projectRoot);
        } catch (error) {
          return { errors: [errorMessage(error)] };
        }
        if (outputs.files.length === 0) return undefined;
        const folder = outputFolder(initial, workingDir);
        if (folder === undefined) {
          return {
            warnings: [
              {
                text: `pycache: ${outputs.files.length} file(s) not written (${outputs.files[0]?.fileName}…): the build has no outdir or outfile to write them beside`,
              },
            ],
          };
        }
        if (initial.write === false && 'outputFiles' in result) {
          result.outputFiles?.push(...memoryOutputs(folder, outputs.files));
          return undefined;
        }
        try {
          await writeOutputs(folder, outputs.files, modules.options.manifest);
        } catch (error) {
          return { errors: [errorMessage(error)] };
        }
        return undefined;
      }
    },
  };
}

/** The first esbuild whose `with { type: 'text' }` import selects its `text` loader (0.28.0). */
const TEXT_IMPORTS = [0, 28];

/** Whether the esbuild of this `version` (`build.esbuild.version`, absent in Bun) honours text imports. */
function readsTextItself(version: string | undefined): boolean {
  const [major, minor] = (version ?? '').split('.').map(Number);
  if (!Number.isInteger(major) || !Number.isInteger(minor)) return false;
  return major !== TEXT_IMPORTS[0] ? major > TEXT_IMPORTS[0] : minor >= TEXT_IMPORTS[1];
}

/**
 * The bytes of a file, read at once: its many small reads through `fs/promises` (open, stat, read, close, each a
 * trip to the thread pool) took longer than esbuild's whole text-loader build of the stdlib. A view of Node's
 * buffer, not a copy.
 */
function readBytes(path: string): Uint8Array {
  const buffer = readFileSync(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Whether the file can import itself as text by its name: esbuild may read `?` or `#` in a name as the start of a
 * query or hash.
 */
function importableAsText(path: string): boolean {
  return !/[?#]/.test(basename(path));
}

/**
 * The module of a `.py` file whose decoded text is its UTF-8 bytes ({@link PythonModules.loadPlain}): the text
 * comes from importing the file itself as text, which esbuild reads and loads natively (in Go, without sending the
 * file to JavaScript and back), beside the named exports every host gives ({@link pythonNamedExportsCode}).
 */
function textModuleCode(path: string, names: PythonModuleNames): string {
  return `export { default } from ${JSON.stringify(`./${basename(path)}`)} with { type: "text" };\n${pythonNamedExportsCode(names)}`;
}

/** What Bun's bundler gives `onEnd` (its `BuildOutput`, the fields read here). */
interface BunBuildOutput {
  readonly success: boolean;
}

/**
 * esbuild asks for every module at once; loading a few at a time keeps fewer file buffers and decoded texts alive
 * together (the esbuild bench's peak memory) without slowing the build, which waits on esbuild's side anyway.
 */
const LOADS_AT_ONCE = 8;

/** Runs at most `max` of the given tasks at a time, in call order. */
function concurrency(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

function errorMessage(error: unknown): PartialMessage {
  return { text: error instanceof Error ? error.message : String(error), detail: error };
}
