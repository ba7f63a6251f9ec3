import {
  MANIFEST_FORMAT,
  type ManifestBytecode,
  type ManifestFile,
  type ManifestModule,
  type PycacheManifest,
} from './manifest.js';

/**
 * The fields docs/manifest.schema.json allows, in its order. A manifest is checked against all of it before
 * anything is fetched or written, so a sloppy one (a field missing, mistyped or unknown) fails whole, naming the
 * entry, instead of being half-checked while files are already in place.
 */
const TOP_FIELDS = ['format', 'python', 'bytecode', 'pyodide', 'modules', 'archive'] as const;
const OPTIONAL_TOP_FIELDS: ReadonlySet<string> = new Set(['pyodide', 'archive']);
const PYODIDE_FIELDS = ['indexURL', 'version', 'stdLibURL'] as const;
const ARCHIVE_FIELDS = ['file', 'size', 'sha256'] as const;
const PYTHON_FIELDS = ['version', 'cacheTag', 'magicNumber'] as const;
const MODULE_FIELDS = ['module', 'source', 'cache', 'encoding', 'size', 'sha256', 'pyc'] as const;
const OPTIONAL_MODULE_FIELDS: ReadonlySet<string> = new Set(['pyc']);
const CACHE_KEYS: readonly string[] = ['', '1', '2'];
const FILE_FIELDS = ['size', 'sha256'] as const;
const INVALIDATION_MODES: readonly string[] = ['checked-hash', 'unchecked-hash'];
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Checks that `value` is a complete `pycache-manifest@1` document as docs/manifest.schema.json defines it, and
 * that its paths can all be written under one root: every path relative (no `..`, `.`, empty segment, `\`), no
 * two entries with one `source`, no path used twice, no path that is a file for one entry and a folder for
 * another (`pkg.py` and `pkg.py/x.py`), and each module's `pyc` present exactly when `bytecode` is not `null`,
 * with the keys of its `cache`. Returns it typed; throws a `TypeError` naming the entry and field.
 */
export function validateManifest(value: unknown): PycacheManifest {
  if (!isRecord(value)) throw fail('the manifest must be an object (the parsed pycache-manifest.json)');
  if (value.format !== MANIFEST_FORMAT) {
    throw fail(`manifest.format is ${JSON.stringify(value.format)}, expected ${JSON.stringify(MANIFEST_FORMAT)}`);
  }
  checkFields(
    value,
    TOP_FIELDS,
    'manifest',
    OPTIONAL_TOP_FIELDS,
    '',
    ' (an older build\'s manifest has no "bytecode": rebuild it with this pycache-kit)',
  );
  checkPython(value.python);
  const bytecode = checkBytecode(value.bytecode);
  if (!Array.isArray(value.modules)) throw fail('manifest.modules must be an array');
  const modules = value.modules.map((entry: unknown, i: number) =>
    validateModuleEntry(entry, `manifest.modules[${i}]`),
  );
  modules.forEach((entry, i) => {
    const where = `manifest.modules[${i}] (${entry.source})`;
    if (bytecode === null && entry.pyc !== undefined)
      throw fail(`${where} has "pyc" but manifest.bytecode is null (the build made no .pyc)`);
    if (bytecode !== null && entry.pyc === undefined)
      throw fail(`${where} has no "pyc": manifest.bytecode says the build compiled every module`);
  });
  checkPathLayout(modules);
  if (value.archive !== undefined) checkArchive(value.archive);
  if (value.pyodide !== undefined) checkPyodide(value.pyodide);
  return value as unknown as PycacheManifest;
}

/**
 * The `pyodide` field (build options `pyodide`, `stdlib`): URLs relative to the manifest, each a non-empty
 * string, at least one of them, `indexURL` a folder (ending in `/`).
 */
function checkPyodide(field: unknown): void {
  if (!isRecord(field))
    throw fail(`manifest.pyodide must be { indexURL?, version?, stdLibURL? }, not ${describe(field)}`);
  checkFields(field, PYODIDE_FIELDS, 'manifest.pyodide', new Set(PYODIDE_FIELDS));
  if (Object.keys(field).length === 0)
    throw fail(
      'manifest.pyodide is empty: a build that emitted neither the runtime nor the stdlib archive writes no "pyodide" field',
    );
  for (const key of PYODIDE_FIELDS) {
    const value = field[key];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      throw fail(`manifest.pyodide.${key} must be a non-empty string, not ${describe(value)}`);
  }
  if (typeof field.indexURL === 'string' && !field.indexURL.endsWith('/'))
    throw fail(`manifest.pyodide.indexURL is ${JSON.stringify(field.indexURL)}: the runtime folder's URL ends in "/"`);
}

/** The `archive` record: `{ file, size, sha256 }`, its file a relative path like every other. */
function checkArchive(archive: unknown): void {
  if (!isRecord(archive)) throw fail(`manifest.archive must be { file, size, sha256 }, not ${describe(archive)}`);
  checkFields(archive, ARCHIVE_FIELDS, 'manifest.archive', new Set());
  assertRelativePath(archive.file, 'manifest.archive.file');
  checkFile(archive, 'manifest.archive', '');
}

/**
 * Checks one module entry (a manifest's, or the payload of a `pycache:update` event) against the schema: every
 * field present and typed, no unknown field, relative paths, and a `pyc` (if any) with exactly the keys of
 * `cache`. `where` names the entry in the error.
 */
export function validateModuleEntry(entry: unknown, where = 'module entry'): ManifestModule {
  if (!isRecord(entry)) throw fail(`${where} must be an object`);
  const of = typeof entry.source === 'string' && entry.source !== '' ? ` (${entry.source})` : '';
  if (typeof entry.module !== 'string' || entry.module === '')
    throw fail(`${where}.module must be a dotted module name, not ${describe(entry.module)}`);
  assertRelativePath(entry.source, `${where}.source`);
  checkFields(entry, MODULE_FIELDS, where, OPTIONAL_MODULE_FIELDS, of);
  const cache = entry.cache;
  if (!isRecord(cache) || Object.keys(cache).length === 0)
    throw fail(
      `${where}.cache${of} must be an object of optimization level ("", "1", "2") to path, not ${describe(cache)}`,
    );
  for (const [level, path] of Object.entries(cache)) {
    if (!CACHE_KEYS.includes(level))
      throw fail(`${where}.cache${of} has the key ${JSON.stringify(level)}; the levels are "", "1" and "2"`);
    assertRelativePath(path, `${where}.cache[${JSON.stringify(level)}]${of}`);
  }
  if (typeof entry.encoding !== 'string' || entry.encoding === '')
    throw fail(`${where}.encoding${of} must be the encoding's name, not ${describe(entry.encoding)}`);
  checkFile(entry, where, of);
  if (entry.pyc !== undefined) {
    const pyc = entry.pyc;
    if (!isRecord(pyc))
      throw fail(`${where}.pyc${of} must be an object of optimization level to { size, sha256 }, not ${describe(pyc)}`);
    const levels = Object.keys(cache).sort();
    if (JSON.stringify(Object.keys(pyc).sort()) !== JSON.stringify(levels)) {
      throw fail(
        `${where}.pyc${of} has the levels ${JSON.stringify(Object.keys(pyc))} but its cache has ${JSON.stringify(levels)}`,
      );
    }
    for (const [level, file] of Object.entries(pyc)) {
      const at = `${where}.pyc[${JSON.stringify(level)}]`;
      if (!isRecord(file)) throw fail(`${at} must be { size, sha256 }, not ${describe(file)}`);
      checkFields(file, FILE_FIELDS, at, new Set(), of);
      checkFile(file, at, of);
    }
  }
  return entry as unknown as ManifestModule;
}

/** Throws unless `path` is a relative POSIX path without `.`, `..`, empty segments or backslashes. */
export function assertRelativePath(path: unknown, where: string): asserts path is string {
  if (typeof path !== 'string' || path === '')
    throw fail(`${where} must be a relative POSIX path, not ${describe(path)}`);
  if (
    path.startsWith('/') ||
    path.includes('\\') ||
    path.includes('\0') ||
    path.split('/').some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw fail(
      `${where} is ${JSON.stringify(path)}: manifest paths must be relative POSIX paths without '.', '..' or empty segments`,
    );
  }
}

/**
 * Every path the manifest names (sources and bytecode), each once, none of them inside another: otherwise the
 * install would end in the file system's own error half-way (writing `pkg.py/x.py` after the file `pkg.py`).
 */
function checkPathLayout(modules: readonly ManifestModule[]): void {
  const files = new Map<string, string>();
  const sources = new Map<string, number>();
  modules.forEach((entry, i) => {
    const first = sources.get(entry.source);
    if (first !== undefined)
      throw fail(
        `manifest.modules[${i}] repeats the source ${JSON.stringify(entry.source)} of manifest.modules[${first}]; each file may be listed once`,
      );
    sources.set(entry.source, i);
    const named: [string, string][] = [[entry.source, `manifest.modules[${i}].source`]];
    for (const [level, path] of Object.entries(entry.cache))
      named.push([path, `manifest.modules[${i}].cache[${JSON.stringify(level)}]`]);
    for (const [path, where] of named) {
      const other = files.get(path);
      if (other !== undefined) throw fail(`${where} is ${JSON.stringify(path)}, the same file as ${other}`);
      files.set(path, where);
    }
  });
  for (const [path, where] of files) {
    for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) {
      const folder = path.slice(0, at);
      const other = files.get(folder);
      if (other !== undefined) {
        throw fail(
          `${where} is ${JSON.stringify(path)}, which needs a folder ${JSON.stringify(folder)} where ${other} is a file`,
        );
      }
    }
  }
}

function checkPython(python: unknown): void {
  if (!isRecord(python))
    throw fail(`manifest.python must be { version, cacheTag, magicNumber }, not ${describe(python)}`);
  checkFields(python, PYTHON_FIELDS, 'manifest.python', new Set());
  if (typeof python.version !== 'string' || !/^3\.[0-9]{1,2}$/.test(python.version))
    throw fail(`manifest.python.version must be a string such as "3.14", not ${describe(python.version)}`);
  if (typeof python.cacheTag !== 'string' || python.cacheTag === '')
    throw fail(`manifest.python.cacheTag must be a cache tag such as "cpython-314", not ${describe(python.cacheTag)}`);
  if (typeof python.magicNumber !== 'string' || !/^[0-9a-f]{8}$/.test(python.magicNumber)) {
    throw fail(
      `manifest.python.magicNumber must be 8 lowercase hex digits (importlib.util.MAGIC_NUMBER.hex()), not ${describe(python.magicNumber)}`,
    );
  }
}

function checkBytecode(bytecode: unknown): ManifestBytecode | null {
  if (bytecode === null) return null;
  if (!isRecord(bytecode))
    throw fail(`manifest.bytecode must be null or { invalidationMode }, not ${describe(bytecode)}`);
  checkFields(bytecode, ['invalidationMode'], 'manifest.bytecode', new Set());
  if (typeof bytecode.invalidationMode !== 'string' || !INVALIDATION_MODES.includes(bytecode.invalidationMode)) {
    throw fail(
      `manifest.bytecode.invalidationMode must be "checked-hash" or "unchecked-hash", not ${describe(bytecode.invalidationMode)}`,
    );
  }
  return bytecode as unknown as ManifestBytecode;
}

/** `size` a non-negative integer and `sha256` 64 lowercase hex digits, as the schema says. */
function checkFile(
  record: Record<string, unknown>,
  where: string,
  of = '',
): asserts record is Record<string, unknown> & ManifestFile {
  if (typeof record.size !== 'number' || !Number.isSafeInteger(record.size) || record.size < 0) {
    throw fail(`${where}.size${of} must be a whole number of bytes, not ${describe(record.size)}`);
  }
  if (typeof record.sha256 !== 'string' || !SHA256.test(record.sha256)) {
    throw fail(`${where}.sha256${of} must be 64 lowercase hex digits, not ${describe(record.sha256)}`);
  }
}

/** Every required field present and no other. */
function checkFields(
  record: Record<string, unknown>,
  fields: readonly string[],
  where: string,
  optional: ReadonlySet<string>,
  of = '',
  missingHint = '',
): void {
  for (const key of Object.keys(record)) {
    if (!fields.includes(key))
      throw fail(`${where}${of} has an unknown field ${JSON.stringify(key)}; the fields are ${fields.join(', ')}`);
  }
  for (const key of fields) {
    if (!optional.has(key) && !Object.hasOwn(record, key))
      throw fail(`${where}.${key}${of} is missing${key === 'bytecode' ? missingHint : ''}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string')
    return `${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} (a string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'an array' : `a${typeof value === 'object' ? 'n object' : ` ${typeof value}`}`;
}

function fail(message: string): TypeError {
  return new TypeError(`pycache-kit/pyodide: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
