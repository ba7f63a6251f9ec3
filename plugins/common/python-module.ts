import { isUtf8 } from 'node:buffer';
import { decodeSource, detectEncoding, NotImplementedError } from '../../src/light.js';
import { loadTableCodecs, loadUnicodeData } from '../../src/load-codec-tables.js';
import { toDecodeError } from './decode-error.js';
import { cacheKey, manifestModule } from './manifest.js';
import type { ManifestModule } from './manifest.js';
import type { PythonModuleExports, PythonModuleNames } from './module-code.js';
import type { ResolvedPycacheOptions } from './options.js';
import { locatePythonFile, moduleSourceProblem } from './python-roots.js';
import type { PythonLocation } from './python-roots.js';

/** Everything a host needs for one `.py` file: the ES module to return and the manifest entry to keep. */
export interface LoadedPythonModule {
  /** The decoded source. */
  text: string;
  /** What the module exports (a host that gives an ES module gives `pythonModuleCode` of it). */
  exports: PythonModuleExports;
  location: PythonLocation;
  entry: ManifestModule;
  /**
   * Why the manifest leaves this file out ({@link moduleSourceProblem}: a name no import can reach, such as
   * `.hidden.py`), or `null`. The import still gets the text; the host warns with {@link leftOutMessage}.
   */
  leftOut: string | null;
}

/** The one warning a host gives for a file the manifest leaves out (`leftOut`), naming the file and why. */
export function leftOutMessage(file: string, problem: string): string {
  return `pycache: ${file} is left out of the manifest: ${problem}`;
}

/**
 * Decodes and describes one Python file: `file` is its absolute path, `bytes` its raw content, `roots` the
 * absolute roots ({@link resolveRoots}). Rejects with a `PythonRootError` for a file under no root and a
 * `PythonDecodeError` (file, line, column, CPython's reason) for bytes CPython would refuse.
 */
export async function loadPythonModule(
  file: string,
  bytes: Uint8Array,
  roots: readonly string[],
  options: ResolvedPycacheOptions,
): Promise<LoadedPythonModule> {
  const location = locatePythonFile(file, roots);
  const { target } = options;
  let decoded: { text: string; encoding: string };
  try {
    decoded = await withCodecTables(() => {
      // No filename, as importlib.util.decode_source passes none: CPython's messages then match (and the file
      // is named once, by the PythonDecodeError).
      const { encoding } = detectEncoding(bytes, { target });
      // Most sources are plain UTF-8: decoded natively, without the codec machinery (or a second detection).
      const text = isPlainUtf8Source(bytes, encoding) ? utf8.decode(bytes) : decodeSource(bytes, { target });
      return { text, encoding };
    });
  } catch (error) {
    throw toDecodeError(error, bytes, file);
  }
  const { text, encoding } = decoded;
  const described = describe(location, bytes, encoding, options);
  return { text, exports: { text, ...described.names }, ...described };
}

/**
 * The core's tables a decoding may need, in the order a build meets them, each loaded on first need (what
 * `loadCodecTables()` loads at once): the charmap and CJK codec tables (cp1252, koi8_r, cp932...), then the Unicode
 * data (about 560 KB of modules, for `idna`'s `xn--` labels and `unicode_escape`'s `\N{...}` only, which sources
 * hardly ever need). The host layer uses `pycache-kit/light`'s functions, so that a build loads none of them unless
 * a source is in such an encoding: those throw `NotImplementedError` until their tables are there.
 */
const TABLE_STAGES: readonly (() => Promise<void>)[] = [loadTableCodecs, loadUnicodeData];

/** Each stage's loading, once started (modules decode concurrently: each waits for the same one). */
const stagesLoading: Promise<void>[] = [];

/**
 * `decode()`, run again after each stage of {@link TABLE_STAGES} while it throws `NotImplementedError`; once every
 * stage is loaded, such an error is the codec's own (CPython's reasons), and is thrown.
 */
async function withCodecTables<T>(decode: () => T): Promise<T> {
  for (let stage = 0; ; stage++) {
    try {
      return decode();
    } catch (error) {
      if (stage === TABLE_STAGES.length || !(error instanceof NotImplementedError)) throw error;
    }
    await (stagesLoading[stage] ??= TABLE_STAGES[stage]());
  }
}

/** UTF-8 that drops a leading BOM, as `utf-8-sig` does (with `utf-8` there is none: it would be `utf-8-sig`). */
const utf8 = new TextDecoder();

/** What {@link plainPythonModule} gives: a {@link LoadedPythonModule} without the text. */
export type PlainPythonModule = Omit<LoadedPythonModule, 'text' | 'exports'> & { names: PythonModuleNames };

/**
 * The module of a file whose decoded text is its bytes read as UTF-8 (a leading BOM dropped), as a bundler's own
 * raw-text loader reads them ({@link isPlainUtf8Source}): its names and manifest entry, without decoding it.
 * `undefined` for any other file (load it with {@link loadPythonModule}, which decodes it or names the error).
 * Throws a `PythonRootError` for a file under no root.
 */
export function plainPythonModule(
  file: string,
  bytes: Uint8Array,
  roots: readonly string[],
  options: ResolvedPycacheOptions,
): PlainPythonModule | undefined {
  const location = locatePythonFile(file, roots);
  let encoding: string;
  try {
    encoding = detectEncoding(bytes, { target: options.target }).encoding;
  } catch {
    return undefined;
  }
  return isPlainUtf8Source(bytes, encoding) ? describe(location, bytes, encoding, options) : undefined;
}

/**
 * Whether `decode_source` gives exactly `bytes` read as UTF-8 with one leading BOM dropped (what esbuild's `text`
 * loader gives), for the `encoding` `tokenize.detect_encoding` found: UTF-8 (a BOM makes it `utf-8-sig`, whose
 * decoding drops the BOM), valid by CPython's strict rules (WHATWG's, which `isUtf8` checks natively, are the same),
 * and no `\r` for universal newlines to change.
 */
export function isPlainUtf8Source(bytes: Uint8Array, encoding: string): boolean {
  return (encoding === 'utf-8' || encoding === 'utf-8-sig') && bytes.indexOf(0x0d) < 0 && isUtf8(bytes);
}

function describe(
  location: PythonLocation,
  bytes: Uint8Array,
  encoding: string,
  options: ResolvedPycacheOptions,
): PlainPythonModule {
  const { target } = options;
  const entry = manifestModule({ location, bytes, encoding, target, optimizations: options.optimizations });
  const level = options.optimizations.includes(target.optimize) ? target.optimize : options.optimizations[0];
  const cachePath = entry.cache[cacheKey(level)] as string;
  return {
    names: { sourcePath: location.source, cachePath, moduleName: location.module, encoding },
    location,
    entry,
    leftOut: moduleSourceProblem(location.source),
  };
}

/**
 * Where an emitted copy of a file goes in the output: `relative` (a manifest `source` or cache path) under the
 * manifest's folder, so `new URL(path, manifestUrl)` finds it at run time.
 */
export function outputPathFor(manifestFile: string | false, relative: string): string {
  const slash = manifestFile === false ? -1 : manifestFile.lastIndexOf('/');
  return slash < 0 ? relative : `${(manifestFile as string).slice(0, slash + 1)}${relative}`;
}
