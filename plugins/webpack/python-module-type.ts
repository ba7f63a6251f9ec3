/**
 * `.py` modules as a module type of their own on webpack 5 (`python/pycache-kit`), as `asset/source` is one: the
 * loader hands webpack the decoded text, a parser declares the five exports without parsing anything, and a generator
 * writes the module's code when webpack generates code. A JavaScript module in their place (what the loader gives
 * alone) costs webpack a parse, five export dependencies and their code generation per file: on CPython's stdlib
 * (1,737 files) that was most of what the loader cost over `type: 'asset/source'`.
 *
 * `PycachePlugin` switches a module to this type when pycache-kit's loader is the last of its loaders and the module
 * is plain JavaScript (`javascript/auto`, `/esm`, `/dynamic`), on a webpack that exports what the type needs. The
 * loader alone, Rspack (whose modules are built in Rust) and Turbopack keep the JavaScript module: both give the same
 * exports (`default` the text; `sourcePath`, `cachePath`, `moduleName`, `encoding`).
 *
 * On webpack ≥ 5.111, whose `processResult` hook is asynchronous, the plugin also takes the loader out of such a
 * module's loaders and builds the module in that hook with the loader's options, as the loader would
 * ({@link buildTypedPythonModule}): running a loader costs webpack's loader runner alone (loading it, its context, the
 * call) about 5% of an `asset/source` build of the 1,737 stdlib files, even for one that returns the bytes unchanged.
 * The module then keeps its bytes (a binary module, as `asset/source`'s are) when they are its text in UTF-8, and the
 * generator decodes them: 32 MB of text held as strings until code generation made V8's collector work harder.
 */
import { realpathSync } from 'node:fs';
import { PYTHON_NAMED_EXPORTS } from '../common/index.js';
import { readNames } from './build-info.js';
import { buildSetup, buildTypedPythonModule, hideStack } from './python-build.js';
import { textLiteral } from './text-literal.js';
import type { CompilerLike, ModuleLike } from './host-types.js';

/** The module type. Not under `javascript/`: webpack and other plugins take those for JavascriptParser's modules. */
export const PYTHON_MODULE_TYPE = 'python/pycache-kit';

/** The exports, in the order the JavaScript module declares them. */
const EXPORT_NAMES = ['default', ...PYTHON_NAMED_EXPORTS] as const;

/** Whether the loader is building a module of {@link PYTHON_MODULE_TYPE}: it then gives the text, not JavaScript. */
export function isPythonModuleType(module: ModuleLike | undefined): boolean {
  return (module as { type?: unknown } | undefined)?.type === PYTHON_MODULE_TYPE;
}

// --- the webpack shapes the type uses (structural: the published types name no bundler) ---

interface HashLike {
  update(data: string): unknown;
}

interface RuntimeTemplateLike {
  renderConst?(): string;
  supportsConst?(): boolean;
  /** `output.environment.templateLiteral` (early webpack 5 versions always answer `false`: string literals then). */
  supportTemplateLiteral?(): boolean | undefined;
  returningFunction(returnValue: string, args?: string): string;
}

interface ExportsInfoLike {
  getUsedName(name: string, runtime: unknown): string | false | string[];
}

interface TypedModule extends ModuleLike {
  readonly exportsArgument: string;
  /** Whether webpack keeps the source as bytes (read by webpack after `processResult`). */
  binary?: boolean;
  /** What the plugin passes to the parser; for a module it builds itself, the loader's options. */
  readonly parserOptions?: unknown;
  addWarning(warning: Error): void;
  buildMeta?: Record<string, unknown> | null;
  originalSource(): { source(): string | Uint8Array; size(): number } | null;
  addDependency(dependency: object): void;
}

interface GenerateContextLike {
  runtimeTemplate: RuntimeTemplateLike;
  runtimeRequirements: Set<string>;
  runtime: unknown;
  concatenationScope?: { registerExport(exportName: string, symbol: string): void } | null;
}

type GeneratorClass = new () => object;
type DependencyClass = new () => object & { serialize(context: unknown): void; deserialize(context: unknown): void };

/** The loader's result as `processResult` passes it on: the source, its source map, extra data. */
type LoaderResult = [source: string | Uint8Array, sourceMap?: unknown, extra?: unknown];

/** `processResult`: asynchronous since webpack 5.111 (a `SyncWaterfallHook` before, whose `tapPromise` throws). */
interface ProcessResultHookLike {
  tapPromise(name: string, fn: (result: LoaderResult, module: TypedModule) => Promise<LoaderResult>): void;
}

/** What `compiler.webpack` exports that the type needs (webpack 5; absent from Rspack). */
interface ModuleTypeExportsLike {
  NormalModule?: { getCompilationHooks?(compilation: object): { processResult?: ProcessResultHookLike } };
  WebpackError: new (message?: string) => Error;
  Generator: GeneratorClass;
  Parser: GeneratorClass;
  RuntimeGlobals: { makeNamespaceObject: string; definePropertyGetters: string; exports: string };
  sources: { RawSource: new (source: string) => object };
  dependencies: { NullDependency: DependencyClass & { Template: new () => object } };
  util: {
    serialization: {
      register(
        constructor: DependencyClass,
        request: string,
        name: string,
        serializer: { serialize(object: unknown, context: unknown): void; deserialize(context: unknown): unknown },
      ): void;
    };
  };
}

interface NormalModuleFactoryLike {
  hooks: {
    createParser: { for(type: string): { tap(name: string, fn: () => object): void } };
    createGenerator: { for(type: string): { tap(name: string, fn: () => object): void } };
    afterResolve: { tap(name: string, fn: (data: { createData: CreateDataLike }) => void): void };
  };
  getParser(type: string, parserOptions?: object): object;
  getGenerator(type: string): object;
}

interface CreateDataLike {
  type?: string;
  loaders?: readonly { loader: string; options?: unknown }[];
  parser?: object;
  parserOptions?: object;
  generator?: object;
}

interface CompilationWithGraph {
  moduleGraph: { getExportsInfo(module: object): ExportsInfoLike };
  dependencyTemplates: Map<unknown, unknown>;
}

/** The plain JavaScript types a typed module may come from (a rule's own `type` otherwise stays). */
const JAVASCRIPT_TYPES = new Set(['javascript/auto', 'javascript/esm', 'javascript/dynamic']);

/** The exports dependency class of a bundler copy, and whether its serializer is registered. */
interface DependencyEntry {
  readonly Dependency: DependencyClass;
  registered: boolean;
}

/**
 * The entries by bundler copy. A serializer is registered once per copy and name, whichever copy of pycache-kit
 * registers it (a config and a framework may each load one): the table is the process's.
 */
const dependencyClasses: WeakMap<object, DependencyEntry> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('pycache-kit.webpack.PythonExportsDependency')
] ??= new WeakMap<object, DependencyEntry>()) as WeakMap<object, DependencyEntry>;

/**
 * Makes Python modules {@link PYTHON_MODULE_TYPE} in `compiler`'s compilations (child compilations included) when
 * one of `loaderFiles` (pycache-kit's loader: its CommonJS entry, its ES module) is their last loader. Does nothing
 * on a bundler that lacks what the type needs (Rspack, an old webpack).
 */
export function usePythonModuleType(compiler: CompilerLike, loaderFiles: readonly string[], name: string): void {
  const bundler = moduleTypeExports(compiler);
  if (!bundler) return;
  const loaders = new Set([...loaderFiles, ...loaderFiles.map(realPath)]);
  // Only a persistent cache serializes modules, and loading webpack's serializer costs ~30 ms: register it then.
  const persistent = (compiler as { options?: { cache?: { type?: string } | false } }).options?.cache;
  const Dependency = exportsDependency(
    bundler,
    persistent !== undefined && persistent !== false && persistent.type === 'filesystem',
  );
  const hooks = compiler.hooks as unknown as {
    compilation: {
      tap(
        name: string,
        fn: (compilation: CompilationWithGraph, params: { normalModuleFactory: unknown }) => void,
      ): void;
    };
  };
  // One parser options object per distinct loader options: webpack keeps one parser per options object.
  const parserOptions = new Map<string, PythonParserOptions>();
  const rootContext = (compiler as { options?: { context?: string } }).options?.context ?? compiler.context;
  hooks.compilation.tap(name, (compilation, { normalModuleFactory }) => {
    const factory = normalModuleFactory as NormalModuleFactoryLike;
    compilation.dependencyTemplates.set(Dependency, new bundler.dependencies.NullDependency.Template());
    factory.hooks.createParser.for(PYTHON_MODULE_TYPE).tap(name, () => pythonParser(bundler, Dependency));
    factory.hooks.createGenerator
      .for(PYTHON_MODULE_TYPE)
      .tap(name, () => pythonGenerator(bundler, (module) => compilation.moduleGraph.getExportsInfo(module)));
    const buildsModules = tapProcessResult(bundler, compilation, rootContext, name);
    factory.hooks.afterResolve.tap(name, ({ createData }) => {
      const last = createData.loaders?.[0];
      if (last === undefined || !loaders.has(last.loader) || !JAVASCRIPT_TYPES.has(createData.type ?? '')) return;
      createData.type = PYTHON_MODULE_TYPE;
      // Options given as a query string ('loader?python=3.12') are parsed by the loader runner: the loader keeps those.
      if (buildsModules && typeof last.options !== 'string') {
        const options = last.options ?? {};
        const key = JSON.stringify(options);
        let forOptions = parserOptions.get(key);
        if (!forOptions) parserOptions.set(key, (forOptions = { [LOADER_OPTIONS]: options }));
        createData.loaders = createData.loaders?.slice(1);
        createData.parserOptions = forOptions;
        createData.parser = factory.getParser(PYTHON_MODULE_TYPE, forOptions);
      } else {
        createData.parser = factory.getParser(PYTHON_MODULE_TYPE);
      }
      createData.generator = factory.getGenerator(PYTHON_MODULE_TYPE);
    });
  });
}

/** Where the parser options of a module the plugin builds itself hold the loader's options. */
const LOADER_OPTIONS = 'pycacheKitLoaderOptions';

type PythonParserOptions = Readonly<Record<typeof LOADER_OPTIONS, unknown>>;

/**
 * Builds the modules whose loader the plugin took out ({@link LOADER_OPTIONS} in their parser options) in
 * `processResult`, from what their other loaders (or the file) gave. Returns whether it could: `false` on a
 * webpack before 5.111, whose hook is synchronous.
 */
function tapProcessResult(
  bundler: ModuleTypeExportsLike,
  compilation: object,
  rootContext: string,
  name: string,
): boolean {
  const hook = bundler.NormalModule?.getCompilationHooks?.(compilation).processResult;
  if (typeof hook?.tapPromise !== 'function') return false;
  try {
    hook.tapPromise(name, async (result, module) => {
      const options = (module.parserOptions as Partial<PythonParserOptions> | undefined)?.[LOADER_OPTIONS];
      if (options === undefined || !isPythonModuleType(module)) return result;
      try {
        const setup = buildSetup(options, rootContext, compilation);
        const [source] = result;
        // As the loader runner hands a raw loader a text another loader returned: its UTF-8 bytes.
        const bytes = typeof source === 'string' ? Buffer.from(source, 'utf-8') : source;
        const host = {
          resourcePath: resourcePathOf(module.resource ?? ''),
          module,
          addDependency: (file: string) => fileDependencies(module)?.add(file),
          emitWarning: (warning: Error) => module.addWarning(moduleWarning(bundler, warning)),
        };
        const text = await buildTypedPythonModule(host, bytes, setup);
        module.binary = text === undefined;
        return text === undefined ? result : [text, undefined, undefined];
      } catch (error) {
        throw hideStack(error);
      }
    });
    return true;
  } catch {
    return false; // "tapPromise is not supported on a SyncWaterfallHook"
  }
}

/** The module's file dependencies while it builds (webpack turns them into a snapshot afterwards). */
function fileDependencies(module: TypedModule): { add(file: string): void } | undefined {
  return module.buildInfo?.fileDependencies as { add(file: string): void } | undefined;
}

/** A warning as webpack shows a loader's (`ModuleWarning`), without a JavaScript stack. */
function moduleWarning(bundler: ModuleTypeExportsLike, warning: Error): Error {
  const error = new bundler.WebpackError(warning.message);
  error.name = 'ModuleWarning';
  return hideStack(error);
}

/** The resource's file path, as the loader runner gives a loader `resourcePath`: no query or fragment, `\0` escapes undone. */
export function resourcePathOf(resource: string): string {
  const match = /^((?:\0.|[^?#\0])*)(\?(?:\0.|[^#\0])*)?(#.*)?$/.exec(resource);
  return match ? match[1].replace(/\0(.)/g, '$1') : resource;
}

function moduleTypeExports(compiler: CompilerLike): ModuleTypeExportsLike | undefined {
  const exports = compiler.webpack as unknown as Partial<ModuleTypeExportsLike> & { rspackVersion?: string };
  if (exports.rspackVersion !== undefined) return undefined;
  const complete =
    typeof exports.Generator === 'function' &&
    typeof exports.Parser === 'function' &&
    typeof exports.RuntimeGlobals?.definePropertyGetters === 'string' &&
    typeof exports.dependencies?.NullDependency === 'function' &&
    typeof exports.WebpackError === 'function' &&
    typeof exports.util?.serialization?.register === 'function';
  return complete ? (exports as ModuleTypeExportsLike) : undefined;
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * The dependency that declares the five exports (what webpack's own `StaticExportsDependency` does, which it does not
 * export), registered with the bundler's serializer when `serializable` (a persistent cache restores it then).
 */
function exportsDependency(bundler: ModuleTypeExportsLike, serializable: boolean): DependencyClass {
  let entry = dependencyClasses.get(bundler);
  if (!entry) {
    class PythonExportsDependency extends bundler.dependencies.NullDependency {
      get type(): string {
        return 'pycache-kit python exports';
      }

      getExports(): { exports: string[]; canMangle: boolean; dependencies: undefined } {
        return { exports: [...EXPORT_NAMES], canMangle: true, dependencies: undefined };
      }
    }
    entry = { Dependency: PythonExportsDependency, registered: false };
    dependencyClasses.set(bundler, entry);
  }
  if (serializable && !entry.registered) {
    const { Dependency } = entry;
    bundler.util.serialization.register(Dependency, 'pycache-kit/webpack', 'PythonExportsDependency', {
      serialize(dependency, context) {
        (dependency as InstanceType<DependencyClass>).serialize(context);
      },
      deserialize(context) {
        const dependency = new Dependency();
        dependency.deserialize(context);
        return dependency;
      },
    });
    entry.registered = true;
  }
  return entry.Dependency;
}

/** The parser: an ES module (strict, a namespace) with the five exports, and nothing to parse. */
function pythonParser(bundler: ModuleTypeExportsLike, Dependency: DependencyClass): object {
  class PythonParser extends bundler.Parser {
    parse(_source: unknown, state: { module: TypedModule }): unknown {
      const { module } = state;
      module.buildInfo ??= {};
      module.buildInfo.strict = true;
      module.buildMeta ??= {};
      module.buildMeta.exportsType = 'namespace';
      module.addDependency(new Dependency());
      return state;
    }
  }
  return new PythonParser();
}

const JAVASCRIPT_SOURCE_TYPES: ReadonlySet<string> = new Set(['javascript']);

/**
 * The generator: the exports webpack found used, as constants, with the getters of an ES module (or, inside a
 * concatenated module, registered with its scope, as webpack's own modules do). The text is a template literal where
 * the output environment has them ({@link textLiteral}).
 */
function pythonGenerator(bundler: ModuleTypeExportsLike, exportsInfoOf: (module: object) => ExportsInfoLike): object {
  const { RuntimeGlobals } = bundler;
  const { RawSource } = bundler.sources;
  class PythonGenerator extends bundler.Generator {
    getTypes(): ReadonlySet<string> {
      return JAVASCRIPT_SOURCE_TYPES;
    }

    getSize(module: TypedModule): number {
      // The text as a string literal, the four short names and the getters.
      return (module.originalSource()?.size() ?? 0) + 300;
    }

    getConcatenationBailoutReason(): undefined {
      return undefined;
    }

    updateHash(hash: HashLike, { module }: { module: TypedModule }): void {
      hash.update(JSON.stringify(readNames(module) ?? null));
    }

    generate(module: TypedModule, context: GenerateContextLike): object {
      const { values, wellFormed } = exportValues(module);
      const exportsInfo = exportsInfoOf(module);
      const { runtimeTemplate, runtimeRequirements, concatenationScope } = context;
      const declare = runtimeTemplate.renderConst?.() ?? (runtimeTemplate.supportsConst?.() ? 'const' : 'var');
      const templates = runtimeTemplate.supportTemplateLiteral?.() === true;
      let declarations = '';
      const getters: string[] = [];
      for (const name of EXPORT_NAMES) {
        const used = exportsInfo.getUsedName(name, context.runtime);
        if (used === false) continue;
        const symbol = `__pycache_${name}__`;
        const value =
          name === 'default' ? textLiteral(values[name], templates, wellFormed) : JSON.stringify(values[name]);
        declarations += `${declare} ${symbol} = ${value};\n`;
        if (concatenationScope) concatenationScope.registerExport(name, symbol);
        else getters.push(`${JSON.stringify(used)}: ${runtimeTemplate.returningFunction(symbol)}`);
      }
      if (concatenationScope) return new RawSource(declarations);
      const exportsName = module.exportsArgument;
      runtimeRequirements.add(RuntimeGlobals.exports);
      runtimeRequirements.add(RuntimeGlobals.makeNamespaceObject);
      let code = `${RuntimeGlobals.makeNamespaceObject}(${exportsName});\n`;
      if (getters.length > 0) {
        runtimeRequirements.add(RuntimeGlobals.definePropertyGetters);
        code += `${RuntimeGlobals.definePropertyGetters}(${exportsName}, {\n  ${getters.join(',\n  ')}\n});\n`;
      }
      return new RawSource(code + declarations);
    }
  }
  return new PythonGenerator();
}

/** UTF-8, a leading BOM dropped: the text of a source kept as bytes (`buildTypedPythonModule`). */
const utf8 = new TextDecoder();

/**
 * The module's export values: the text webpack holds as its source (its bytes read as UTF-8 when the plugin kept them:
 * they are the text then), and the names the loader stored. `wellFormed`: the text was decoded here, so it holds no
 * lone surrogate (a text the loader decoded may: utf-7, utf-16 and others can give one).
 */
function exportValues(module: TypedModule): {
  values: Record<(typeof EXPORT_NAMES)[number], string>;
  wellFormed: boolean;
} {
  const names = readNames(module);
  const source = module.originalSource()?.source();
  if (!names || source === undefined) throw new Error(`pycache: ${module.resource ?? 'a module'} has no Python text`);
  const bytes = typeof source !== 'string';
  return { values: { default: bytes ? utf8.decode(source) : source, ...names }, wellFormed: bytes };
}
