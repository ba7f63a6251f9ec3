import type { ManifestModule, PythonModuleNames } from '../common/index.js';
import type { ModuleLike } from './host-types.js';

/**
 * The `buildInfo` field the loader fills in. webpack serialises `buildInfo` into its persistent cache and Rspack
 * (≥ 2) commits custom fields to its own, so a warm build that runs no loader still has every record; a side
 * table in the plugin's memory would be empty then (webpack-assets-manifest#100, roots/bud#2385).
 */
export const BUILD_INFO_KEY = 'pycacheKit';

/** A Python module the loader has started on; it stays so when decoding failed. */
export interface PendingRecord {
  readonly resource: string;
  readonly ok: false;
}

/** What the loader learnt about one `.py` file: plain JSON so every host's cache can store it. */
export interface PythonModuleRecord {
  readonly ok: true;
  /** Absolute path of the source file. */
  readonly resource: string;
  /** The target version the loader decoded for (`'3.12'`) and its cache tag. */
  readonly python: string;
  readonly cacheTag: string;
  /** The manifest entry under the loader's own options (`roots`, `optimizations`). */
  readonly entry: ManifestModule;
}

/** A Python module the manifest leaves out (a name no import can reach); the loader warned, naming why. */
export interface LeftOutRecord {
  readonly ok: true;
  readonly resource: string;
  readonly leftOut: string;
}

export type BuildInfoRecord = PendingRecord | PythonModuleRecord | LeftOutRecord;

/**
 * Rspack keeps `buildInfo` in Rust; the JS object a loader writes reaches the modules a later (watch) compilation
 * sees only once committed, which Rspack itself does after the loaders only when `cache` is on. Committing here
 * makes a watch rebuild with `cache: false` keep the record too.
 */
const RSPACK_COMMIT = Symbol.for('rspack.buildInfo.commitCustomFields');

/** Stores `record` on the module being built (no-op for a host without `this._module`). */
export function writeRecord(module: ModuleLike | undefined, record: BuildInfoRecord): void {
  if (!module) return;
  module.buildInfo ??= {};
  const buildInfo = module.buildInfo as Record<string | symbol, unknown>;
  buildInfo[BUILD_INFO_KEY] = record;
  const commit = buildInfo[RSPACK_COMMIT];
  if (typeof commit === 'function') commit.call(buildInfo);
}

/** The record the loader left on `module`, if it is a Python module. */
export function readRecord(module: ModuleLike): BuildInfoRecord | undefined {
  const value = module.buildInfo?.[BUILD_INFO_KEY];
  if (typeof value !== 'object' || value === null || typeof (value as BuildInfoRecord).resource !== 'string')
    return undefined;
  return value as BuildInfoRecord;
}

/**
 * Where the loader leaves the named exports of a module PycachePlugin typed as Python (python-module-type.ts), for
 * its generator: in `buildInfo`, so that a persistent cache keeps them with the module.
 */
const NAMES_KEY = 'pycacheKitNames';

/** Stores a typed module's named exports. */
export function writeNames(module: ModuleLike, names: PythonModuleNames): void {
  module.buildInfo ??= {};
  module.buildInfo[NAMES_KEY] = names;
}

/** The named exports the loader stored on `module`, if any. */
export function readNames(module: ModuleLike): PythonModuleNames | undefined {
  return module.buildInfo?.[NAMES_KEY] as PythonModuleNames | undefined;
}
