import { LookupError } from '../errors.js';
import { checkCodecName } from './unicode-error.js';
import { warnOnce } from '../warnings.js';
import { ALIASES_BASE, ALIAS_CHANGES, MODULES_BASE, MODULE_CHANGES } from './tables/registry.js';
import { cNormalizeEncoding, normalizeEncoding } from './normalize.js';

/** What `codecs.lookup` finds: the `encodings` module, `CodecInfo.name`, and whether it is a text encoding. */
export interface CodecEntry {
  readonly module: string;
  readonly name: string;
  readonly text: boolean;
}

/** A module's answer: an entry, or the `LookupError` its import raises (`null`: import fails, unknown encoding). */
type ModuleAnswer = { name: string; text: boolean } | { error: string | null };

interface VersionRegistry {
  aliases: Map<string, string>;
  modules: Map<string, ModuleAnswer>;
  /** Names already found (CPython caches lookups too). */
  found: Map<string, CodecEntry>;
}

/** The oldest version the generated tables hold; older targets start from it (see docs/decoding.md). */
const BASE_MINOR = 6;
const registries = new Map<number, VersionRegistry>();

function parseModuleLine(line: string, into: Map<string, ModuleAnswer>): void {
  const eq = line.indexOf('=');
  const mod = line.slice(0, eq);
  const answer = line.slice(eq + 1);
  if (answer === '') into.delete(mod);
  else if (answer.startsWith('?')) into.set(mod, { error: answer.length > 1 ? answer.slice(1) : null });
  else if (answer.endsWith('!')) into.set(mod, { name: answer.slice(0, -1), text: false });
  else into.set(mod, { name: answer, text: true });
}

/**
 * Modules that CPython's "What's New" dates after 3.0 (not verifiable here: no interpreter older than 3.6).
 * Removing a module is enough: its aliases then fail to import, as they would have.
 */
const ADDED_IN: Readonly<Record<string, number>> = { cp65001: 3, cp273: 4, cp1125: 4, koi8_t: 5, kz1048: 5, oem: 6 };

function buildRegistry(minor: number): VersionRegistry {
  if (minor > BASE_MINOR) {
    const prev = registryFor(minor - 1);
    const aliases = new Map(prev.aliases);
    const modules = new Map(prev.modules);
    const a = ALIAS_CHANGES[minor];
    if (a) {
      for (const pair of a.split(' ')) {
        const eq = pair.indexOf('=');
        if (eq === pair.length - 1) aliases.delete(pair.slice(0, eq));
        else aliases.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
    }
    const m = MODULE_CHANGES[minor];
    if (m) for (const line of m.split('\n')) parseModuleLine(line, modules);
    return { aliases, modules, found: new Map() };
  }
  const aliases = new Map<string, string>();
  for (const line of ALIASES_BASE.split('\n')) {
    const [mod, ...names] = line.split(' ');
    for (const n of names) aliases.set(n, mod);
  }
  const modules = new Map<string, ModuleAnswer>();
  for (const line of MODULES_BASE.split('\n')) parseModuleLine(line, modules);
  for (const [mod, since] of Object.entries(ADDED_IN)) if (minor < since) modules.delete(mod);
  return { aliases, modules, found: new Map() };
}

function registryFor(minor: number): VersionRegistry {
  let r = registries.get(minor);
  if (!r) {
    r = buildRegistry(minor);
    registries.set(minor, r);
  }
  return r;
}

/** The module names of the `encodings` package on a version (for tests and docs). */
export function codecModules(minor: number): string[] {
  return [...registryFor(minor).modules.keys()];
}

/** `encodings.aliases.aliases` of a version (for tests and docs). */
export function codecAliases(minor: number): ReadonlyMap<string, string> {
  return registryFor(minor).aliases;
}

/**
 * `codecs.lookup(name)` on CPython 3.`minor` (posix): the C normalisation, `encodings.search_function`'s
 * normalisation and alias table, then the module's registry entry. Throws `ValueError` for a NUL in the name and
 * `LookupError` (`unknown encoding: NAME`, or the module's own message) when nothing is found.
 */
export function lookupEntry(name: string, minor: number): CodecEntry {
  checkCodecName(name);
  if (minor >= 15 && /[^\0-\x7f]/.test(name)) {
    warnOnce({
      category: 'DeprecationWarning',
      message: 'Support for non-ascii encoding names will be removed in 3.17',
    });
  }
  const registry = registryFor(minor);
  const cached = registry.found.get(name);
  if (cached) return cached;
  const entry = search(name, minor, registry);
  if (registry.found.size < 1024) registry.found.set(name, entry);
  return entry;
}

function search(name: string, minor: number, registry: VersionRegistry): CodecEntry {
  const norm = normalizeEncoding(cNormalizeEncoding(name, minor), minor);
  const aliased = registry.aliases.get(norm) ?? registry.aliases.get(norm.replace(/\./g, '_'));
  const candidates = aliased !== undefined ? [aliased, norm] : [norm];
  for (const mod of candidates) {
    if (!mod || mod.includes('.')) continue;
    const answer = registry.modules.get(mod);
    if (answer === undefined) continue;
    if ('error' in answer) {
      if (answer.error !== null) throw new LookupError(answer.error);
      continue;
    }
    return { module: mod, name: answer.name, text: answer.text };
  }
  throw new LookupError(`unknown encoding: ${name}`);
}
