/**
 * The few webpack 5 / Rspack 2 shapes the loader and plugin touch, written structurally so the published types
 * name neither package: an Rspack user has no `webpack` types installed, and a webpack user no `@rspack/core`.
 * Both hosts' real objects are assignable to these.
 */

/** A `Source` of `webpack-sources` (`compiler.webpack.sources.RawSource` builds one). */
export interface SourceLike {
  source(): string | Uint8Array;
}

/** The bits of a module the plugin reads: its resource path and the `buildInfo` the loader filled in. */
export interface ModuleLike {
  readonly resource?: string;
  buildInfo?: Record<string, unknown> | null;
}

/** The loader context (`this` inside the loader). */
export interface LoaderContextLike<Options> {
  readonly resourcePath: string;
  readonly rootContext: string;
  getOptions(): Options;
  cacheable(flag?: boolean): void;
  addDependency(file: string): void;
  emitWarning(warning: Error): void;
  /**
   * Makes the loader asynchronous; the function it returns gives the result, with extra data (webpack reads
   * `webpackAST` from `meta`; Rspack ignores it).
   */
  async(): (error: Error | null, content?: string, sourceMap?: undefined, meta?: { webpackAST?: object }) => void;
  /** Set by webpack and Rspack ≥ 2; where per-module data goes so the persistent cache keeps it. */
  readonly _module?: ModuleLike;
  /** The running compilation (webpack, Rspack). */
  readonly _compilation?: object;
}

/** A synchronous hook (`SyncHook` of tapable). */
export interface SyncHookLike<Args extends unknown[]> {
  tap(options: string | { name: string; stage?: number }, fn: (...args: Args) => void): void;
}

/** An asynchronous hook (`AsyncSeriesHook` of tapable). */
export interface AsyncHookLike<Args extends unknown[]> {
  tapPromise(options: string | { name: string; stage?: number }, fn: (...args: Args) => Promise<void>): void;
}

/** A compilation error or warning (`compiler.webpack.WebpackError`, or any `Error`). */
export type ErrorLike = Error;

/** The input file system both hosts expose (`compiler.inputFileSystem`), callback style. */
export interface InputFileSystemLike {
  readFile(path: string, callback: (error: Error | null | undefined, data?: Uint8Array | string) => void): void;
}

/** The compilation, as far as the plugin uses it. */
export interface CompilationLike {
  readonly hooks: { processAssets: AsyncHookLike<[Record<string, SourceLike>]> };
  readonly modules: Iterable<ModuleLike>;
  readonly errors: ErrorLike[];
  readonly warnings: ErrorLike[];
  /** `info.minimized`: a minimizer leaves the asset as it is (the Pyodide runtime is emitted as published). */
  emitAsset(file: string, source: SourceLike, info?: { minimized?: boolean }): void;
  /** `output.path` with its placeholders filled in, as webpack writes to it. */
  getPath(filename: string, data?: object): string;
  getAsset(file: string): unknown;
  // --- entries: the import graph's files are watched, its summary logged ---
  readonly fileDependencies?: { add(file: string): void };
  getLogger?(name: string): { info(...args: unknown[]): void };
}

/** What `compiler.webpack` (webpack) and `compiler.webpack`/`compiler.rspack` (Rspack) export that we use. */
export interface BundlerExportsLike {
  Compilation: { readonly PROCESS_ASSETS_STAGE_ADDITIONAL: number; readonly PROCESS_ASSETS_STAGE_REPORT: number };
  sources: { RawSource: new (source: string | Buffer) => SourceLike };
  WebpackError: new (message?: string) => Error;
}

/** The output file system both hosts expose (`compiler.outputFileSystem`: Node's, or a dev server's memory one). */
export interface OutputFileSystemLike {
  mkdir(path: string, callback: (error?: NodeJS.ErrnoException | null) => void): void;
  writeFile(path: string, data: string | Buffer, callback: (error?: NodeJS.ErrnoException | null) => void): void;
}

/** What a request is resolved from (`resolveData` of `normalModuleFactory.hooks.beforeResolve`). */
export interface ResolveDataLike {
  readonly request: string;
  readonly context: string;
}

/** The compiler, as far as the plugin uses it. */
export interface CompilerLike {
  readonly context: string;
  readonly webpack: BundlerExportsLike;
  readonly inputFileSystem?: InputFileSystemLike | null;
  readonly outputFileSystem?: OutputFileSystemLike | null;
  readonly outputPath: string;
  readonly hooks: {
    thisCompilation: SyncHookLike<[CompilationLike, ...unknown[]]>;
    afterEmit: AsyncHookLike<[CompilationLike]>;
    normalModuleFactory: SyncHookLike<[{ hooks: { beforeResolve: SyncHookLike<[ResolveDataLike]> } }]>;
  };
}
