import { readPycHeader, type PycHeader } from '../pyc-header.js';
import { sourceHash } from '../source-hash.js';
import { pythonTarget, type PythonTarget } from '../target.js';
import { toHex } from './manifest.js';
import type { PyodideLike } from './pyodide-like.js';
import { runPythonJson } from './run-python.js';

/** What a `.pyc` must agree with: the running interpreter and, to check its source hash, the source's bytes. */
export interface PycExpectation {
  /** Manifest path of the `.pyc` (named in errors). */
  readonly path: string;
  /** Manifest path of its source (named in errors). */
  readonly sourcePath: string;
  /** The running interpreter's `major.minor` (`InterpreterFacts.version`). */
  readonly version: string;
  /** The running interpreter's `importlib.util.MAGIC_NUMBER`, lowercase hex (`InterpreterFacts.magicNumber`). */
  readonly magicNumber: string;
  /** The source exactly as it is installed; when given, the header's source hash must be `source_hash(source)`. */
  readonly source?: Uint8Array;
}

/** The smallest `.pyc` of 3.7+: a 16-byte header. */
const HEADER_SIZE = 16;

/**
 * Checks a `.pyc`'s header as the import system will read it, and throws an `Error` naming the file when the
 * import system would silently ignore it (another interpreter's magic number; a timestamp `.pyc`, stale as soon
 * as its source is written at run time), fail on it (truncated, unknown flags), or run code nobody verified:
 * with `source`, the header's PEP 552 source hash must equal `importlib.util.source_hash(source)` for this
 * interpreter, for both hash modes (an unchecked-hash `.pyc` is never compared by the import system). The body
 * is checked by {@link verifyPycBodies}. Returns the header.
 */
export function verifyPycHeader(pyc: Uint8Array, expected: PycExpectation): PycHeader {
  const { path, magicNumber } = expected;
  if (pyc.byteLength < HEADER_SIZE) {
    throw new Error(`pycache-kit/pyodide: ${path} is ${pyc.byteLength} bytes, shorter than a .pyc header (${HEADER_SIZE}); it is truncated or not bytecode`);
  }
  const got = toHex(pyc.subarray(0, 4));
  if (got !== magicNumber) {
    throw new Error(`pycache-kit/pyodide: ${path} has magic number ${got} but this interpreter's is ${magicNumber}; it was compiled for another Python`);
  }
  const target = targetFor(expected.version, magicNumber);
  let header: PycHeader;
  try {
    header = readPycHeader(pyc, { name: path, target });
  } catch (error) {
    throw new Error(`pycache-kit/pyodide: ${path} is not a valid .pyc: ${errorText(error)}`, { cause: error });
  }
  if (header.kind !== 'checked-hash' && header.kind !== 'unchecked-hash') {
    throw new Error(`pycache-kit/pyodide: ${path} is a ${header.kind} .pyc; only hash-based ones (PEP 552) stay valid once the source is written at run time`);
  }
  if (expected.source !== undefined) {
    const wanted = toHex(sourceHash(expected.source, { target }));
    const stored = toHex(header.sourceHash ?? new Uint8Array(0));
    if (stored !== wanted) {
      throw new Error(
        `pycache-kit/pyodide: ${path} (${header.kind}) carries source hash ${stored} but importlib.util.source_hash of `
        + `${expected.sourcePath} is ${wanted}: it was compiled from other code`,
      );
    }
  }
  return header;
}

/** One `.pyc` to check in the interpreter. */
export interface PycFile {
  /** Manifest path (named in errors). */
  readonly path: string;
  readonly bytes: Uint8Array;
}

const BODIES_PY = `
import marshal, shutil
bad = None
try:
    for index, path in enumerate(ARG['paths']):
        with open('%s/%d' % (ARG['dir'], index), 'rb') as f:
            data = f.read()
        try:
            code = marshal.loads(memoryview(data)[16:])
        except Exception as exc:
            bad = [path, '%s: %s' % (type(exc).__name__, exc)]
            break
        if type(code) is not type(compile('', '', 'exec')):
            bad = [path, 'it holds a %s, not a code object' % type(code).__name__]
            break
finally:
    shutil.rmtree(ARG['dir'], ignore_errors=True)
result = bad
`;

let scratchRuns = 0;

/**
 * Unmarshals the body of each `.pyc` in the interpreter, as the import system's `_compile_bytecode` will
 * (`marshal.loads` of what follows the header must give a code object), and throws an `Error` naming the first
 * file that is not valid bytecode. Nothing is executed; the files pass through a scratch folder under `/tmp`
 * that is removed before it returns, so nothing of the install is written yet.
 */
export function verifyPycBodies(pyodide: PyodideLike, pycs: readonly PycFile[]): void {
  if (pycs.length === 0) return;
  const dir = `/tmp/.pycache-kit-verify-${++scratchRuns}-${Math.random().toString(36).slice(2)}`;
  try {
    pyodide.FS.mkdirTree(dir);
    pycs.forEach((pyc, index) => pyodide.FS.writeFile(`${dir}/${index}`, pyc.bytes));
  } catch (error) {
    runPythonJson(pyodide, 'import shutil\nshutil.rmtree(ARG, ignore_errors=True)\nresult = None', dir);
    throw new Error(`pycache-kit/pyodide: could not stage the .pyc files in ${dir} to check them: ${String(error)}`, { cause: error });
  }
  // The Python side removes the scratch folder whatever it finds.
  const bad = runPythonJson<[string, string] | null>(pyodide, BODIES_PY, { dir, paths: pycs.map((pyc) => pyc.path) });
  if (bad !== null) {
    throw new Error(`pycache-kit/pyodide: ${bad[0]} is not valid bytecode (marshal.loads of its body: ${bad[1]}); the import would fail on it`);
  }
}

const targets = new Map<string, PythonTarget>();

/** The core's target for the running interpreter: its version with its own magic number (pre-releases differ). */
function targetFor(version: string, magicNumber: string): PythonTarget {
  const key = `${version}/${magicNumber}`;
  let target = targets.get(key);
  if (target === undefined) {
    const magic = Uint8Array.from(magicNumber.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
    target = pythonTarget({ version, magicNumber: magic });
    targets.set(key, target);
  }
  return target;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
