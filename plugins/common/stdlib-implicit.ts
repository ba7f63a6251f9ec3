/**
 * Stdlib modules that are imported by a name no import statement spells out: by the interpreter's C code when a
 * call needs them, or by stdlib code that builds or looks up the name at run time. The closure's walk of the
 * sources ({@link stdlibClosure}) cannot see these imports, and a probe that imports the app's modules does not
 * make the calls, so a pruned archive without them fails at the call (`LookupError: unknown encoding: cp437` from
 * any `zipfile.ZipFile(...).namelist()`, `No module named '_pylong'` from `str()` of a large int). Each entry names
 * the CPython source that makes the import.
 */
import type { StdlibCodecs } from './option-definitions.js';

export type { StdlibCodecs } from './option-definitions.js';

/**
 * Imported by the interpreter itself, whatever the app imports:
 * - `_strptime`: `time.strptime` (Modules/timemodule.c) and `datetime.strptime` (Modules/_datetimemodule.c);
 * - `_pylong`: `int` ↔ `str` conversions and divisions of large ints (Objects/longobject.c, 3.12+).
 */
const INTERPRETER_IMPORTS = ['_strptime', '_pylong'];

/**
 * Imported by name by the module on the left, when called:
 * - `xml.sax.make_parser()` imports each of `default_parser_list` with `__import__`;
 * - `xml.dom.getDOMImplementation()` (`xml/dom/domreg.py`) imports `well_known_implementations`' modules;
 * - `dbm.open()` tries each of `dbm._names` with `__import__`;
 * - `sqlite3.Connection.iterdump()` imports `sqlite3.dump` from C (Modules/_sqlite/connection.c);
 * - `sysconfig.get_config_vars()` imports `_sysconfigdata_<abi>_<platform>_<multiarch>` by its computed name.
 *
 * A name ending in `*` stands for every stdlib module whose name starts with what comes before it.
 */
const NAMED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  'xml.sax': ['xml.sax.expatreader'],
  'xml.dom': ['xml.dom.minidom'],
  dbm: ['dbm.sqlite3', 'dbm.gnu', 'dbm.ndbm', 'dbm.dumb'],
  sqlite3: ['sqlite3.dump'],
  sysconfig: ['_sysconfigdata_*'],
};

/**
 * The modules of `available` (the stdlib of the target's Pyodide) that the interpreter or the `kept` modules
 * import by a name the sources do not spell: {@link INTERPRETER_IMPORTS}, the {@link NAMED_IMPORTS} of each kept
 * module, and with `codecs: 'all'` every codec module of `encodings` (`codecs.lookup` imports
 * `encodings.<name>` for whatever name a program or its data gives: `bytes.decode`, `str.encode`,
 * `open(encoding=)`, zipfile's cp437 file names, `'host'.encode('idna')` in `http.client`). Sorted.
 */
export function implicitImports(kept: Iterable<string>, available: Iterable<string>, codecs: StdlibCodecs): string[] {
  const names = [...available];
  const has = new Set(names);
  const wanted: string[] = INTERPRETER_IMPORTS.filter((name) => has.has(name));
  for (const module of kept) {
    for (const pattern of NAMED_IMPORTS[module] ?? []) {
      if (!pattern.endsWith('*')) {
        if (has.has(pattern)) wanted.push(pattern);
      } else {
        const prefix = pattern.slice(0, -1);
        wanted.push(...names.filter((name) => name.startsWith(prefix)));
      }
    }
  }
  if (codecs === 'all') wanted.push(...names.filter((name) => name.startsWith('encodings.')));
  return [...new Set(wanted)].sort();
}
