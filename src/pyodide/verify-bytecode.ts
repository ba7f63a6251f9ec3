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
 * is checked by {@link verifyPycsInInterpreter}, which also checks the source hash, faster, for many files.
 * Returns the header.
 */
export function verifyPycHeader(pyc: Uint8Array, expected: PycExpectation): PycHeader {
  const { path, magicNumber } = expected;
  if (pyc.byteLength < HEADER_SIZE) {
    throw new Error(
      `pycache-kit/pyodide: ${path} is ${pyc.byteLength} bytes, shorter than a .pyc header (${HEADER_SIZE}); it is truncated or not bytecode`,
    );
  }
  const got = toHex(pyc.subarray(0, 4));
  if (got !== magicNumber) {
    throw new Error(
      `pycache-kit/pyodide: ${path} has magic number ${got} but this interpreter's is ${magicNumber}; it was compiled for another Python`,
    );
  }
  const target = targetFor(expected.version, magicNumber);
  let header: PycHeader;
  try {
    header = readPycHeader(pyc, { name: path, target });
  } catch (error) {
    throw new Error(`pycache-kit/pyodide: ${path} is not a valid .pyc: ${errorText(error)}`, { cause: error });
  }
  if (header.kind !== 'checked-hash' && header.kind !== 'unchecked-hash') {
    throw new Error(
      `pycache-kit/pyodide: ${path} is a ${header.kind} .pyc; only hash-based ones (PEP 552) stay valid once the source is written at run time`,
    );
  }
  if (expected.source !== undefined) {
    const wanted = toHex(sourceHash(expected.source, { target }));
    const stored = toHex(header.sourceHash ?? new Uint8Array(0));
    if (stored !== wanted) throw new Error(hashMismatch(path, header.kind, stored, expected.sourcePath, wanted));
  }
  return header;
}

/** One `.pyc` to check in the interpreter. */
export interface PycFile {
  /** Manifest path (named in errors). */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Its source as installed: the header's source hash must be `importlib.util.source_hash` of these bytes. */
  readonly source?: { readonly path: string; readonly bytes: Uint8Array };
}

const IN_INTERPRETER_PY = `
import marshal, os, importlib.util
bad = None
try:
    with open(ARG['file'], 'rb') as f:
        data = memoryview(f.read())
finally:
    os.remove(ARG['file'])
start = 0
code_type = type(compile('', '', 'exec'))
for path, size, source_path, source_size in ARG['files']:
    pyc = data[start:start + size]
    start += size
    if source_path is not None:
        source = data[start:start + source_size]
        start += source_size
        stored, wanted = bytes(pyc[8:16]), importlib.util.source_hash(source)
        if stored != wanted:
            kind = 'checked-hash' if int.from_bytes(pyc[4:8], 'little') & 2 else 'unchecked-hash'
            bad = ['hash', path, kind, stored.hex(), source_path, wanted.hex()]
            break
    try:
        code = marshal.loads(pyc[16:])
    except Exception as exc:
        bad = ['body', path, '%s: %s' % (type(exc).__name__, exc)]
        break
    if type(code) is not code_type:
        bad = ['body', path, 'it holds a %s, not a code object' % type(code).__name__]
        break
result = bad
`;

let scratchRuns = 0;

/**
 * Checks `.pyc` files in the running interpreter, as its import system will read them, and throws an `Error`
 * naming the first bad one: each body must unmarshal to a code object (`marshal.loads` of what follows the
 * header, as `_compile_bytecode` does; nothing is executed), and where `source` is given the header's PEP 552
 * source hash must be `importlib.util.source_hash(source)`, for both hash modes (the interpreter's own SipHash: the
 * same check as {@link verifyPycHeader}'s, much faster on many files). Call {@link verifyPycHeader} first (magic
 * number, flags, length). The files reach the interpreter as one scratch file under `/tmp` (one write and one
 * read, however many files), removed before they are looked at: nothing of the install is written yet.
 */
export function verifyPycsInInterpreter(pyodide: PyodideLike, pycs: readonly PycFile[]): void {
  if (pycs.length === 0) return;
  const file = `/tmp/.pycache-kit-verify-${++scratchRuns}-${Math.random().toString(36).slice(2)}`;
  const parts = pycs.flatMap((pyc) => (pyc.source === undefined ? [pyc.bytes] : [pyc.bytes, pyc.source.bytes]));
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.byteLength;
  }
  try {
    pyodide.FS.mkdirTree('/tmp');
    pyodide.FS.writeFile(file, all);
  } catch (error) {
    try {
      pyodide.FS.unlink(file);
    } catch {
      // Never created.
    }
    throw new Error(`pycache-kit/pyodide: could not stage the .pyc files in ${file} to check them: ${String(error)}`, {
      cause: error,
    });
  }
  const files = pycs.map((pyc) => [
    pyc.path,
    pyc.bytes.byteLength,
    pyc.source?.path ?? null,
    pyc.source?.bytes.byteLength ?? null,
  ]);
  const bad = runPythonJson<string[] | null>(pyodide, IN_INTERPRETER_PY, { file, files });
  if (bad === null) return;
  if (bad[0] === 'hash') {
    const [, path, kind, stored, sourcePath, wanted] = bad;
    throw new Error(hashMismatch(path, kind, stored, sourcePath, wanted));
  }
  throw new Error(
    `pycache-kit/pyodide: ${bad[1]} is not valid bytecode (marshal.loads of its body: ${bad[2]}); the import would fail on it`,
  );
}

function hashMismatch(path: string, kind: string, stored: string, sourcePath: string, wanted: string): string {
  return `pycache-kit/pyodide: ${path} (${kind}) carries source hash ${stored} but importlib.util.source_hash of ${sourcePath} is ${wanted}: it was compiled from other code`;
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
