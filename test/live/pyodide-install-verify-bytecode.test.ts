// With verify (the default), a .pyc is checked like its source before anything is written (real Pyodide 3.14 in
// Node, real .pyc compiled by the interpreter): its size and SHA-256 against the manifest, its PEP 552 source hash
// against the source for both hash modes, and its body in the interpreter (marshal).
import { beforeAll, describe, expect, it } from 'vitest';
import { precompile } from '../../plugins/precompile/index.js';
import { installModules } from '../../src/pyodide/index.js';
import { verifyPycHeader, verifyPycsInInterpreter } from '../../src/pyodide/verify-bytecode.js';
import {
  EXAMPLE_PYTHON,
  filesMap,
  forget,
  loadTestPyodide,
  manifestFor,
  py,
  readTree,
  type TestPyodide,
  type TreeFile,
} from '../helpers/pyodide-helpers.js';

type Mode = 'checked-hash' | 'unchecked-hash';

let pyodide: TestPyodide;
let files: TreeFile[];
const compiled = new Map<Mode, Map<string, Uint8Array>>();
/** pricing.py's .pyc compiled by the interpreter from OTHER code (same path), per mode. */
const impostor = new Map<Mode, Uint8Array>();
const PRICING = 'shop/pricing.py';
let pricingPyc = '';

beforeAll(async () => {
  pyodide = await loadTestPyodide();
  files = readTree(EXAMPLE_PYTHON);
  const manifest = manifestFor(files);
  pricingPyc = manifest.modules.find((m) => m.source === PRICING)?.cache[''] ?? '';
  // The module as built, with one function replaced: what a stale or foreign .pyc would run.
  const other = Uint8Array.from([
    ...bytesOf(PRICING),
    ...new TextEncoder().encode('\ndef total(lines, discount_percent=0):\n    return "not the built code"\n'),
  ]);
  for (const mode of ['checked-hash', 'unchecked-hash'] as const) {
    compiled.set(
      mode,
      await precompile({
        modules: manifest.modules.map((m) => ({ ...m, bytes: bytesOf(m.source) })),
        target: '3.14',
        mode,
      }),
    );
    const wrong = await precompile({
      modules: [{ source: PRICING, cache: { '': pricingPyc }, bytes: other }],
      target: '3.14',
      mode,
    });
    impostor.set(mode, wrong.get(pricingPyc) ?? new Uint8Array());
  }
});

function bytesOf(source: string): Uint8Array {
  const file = files.find((f) => f.source === source);
  if (!file) throw new Error(`no ${source}`);
  return file.bytes;
}

function pycsOf(mode: Mode): Map<string, Uint8Array> {
  const pycs = compiled.get(mode);
  if (!pycs) throw new Error('not compiled');
  return pycs;
}

/** A build whose pricing .pyc is `pyc`, described by its manifest (the build made it). */
function buildWith(mode: Mode, pyc: Uint8Array) {
  const pycs = new Map([...pycsOf(mode), [pricingPyc, pyc]]);
  return { manifest: manifestFor(files, '3.14', [0], pycs, mode), files: filesMap(files, pycs) };
}

async function refusal(build: ReturnType<typeof buildWith>, root: string): Promise<string> {
  const error = await installModules(pyodide, build.manifest, { files: build.files, root }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect(pyodide.FS.analyzePath(root).exists).toBe(false);
  return (error as Error).message;
}

describe.each(['checked-hash', 'unchecked-hash'] as const)('%s .pyc', (mode) => {
  it('from the build: installed and imported from bytecode', async () => {
    const root = `/verified-${mode}`;
    const result = await installModules(pyodide, manifestFor(files, '3.14', [0], pycsOf(mode), mode), {
      files: filesMap(files, pycsOf(mode)),
      root,
    });
    expect(result.bytecodeFiles).toBe(files.length);
    expect(py<number>(pyodide, 'shop.pricing.total([])', 'import shop.pricing')).toBe(0);
    forget(pyodide, 'shop', root);
  });

  it("compiled from other code: refused, its source hash is not the source's", async () => {
    const message = await refusal(buildWith(mode, impostor.get(mode) ?? new Uint8Array()), `/impostor-${mode}`);
    expect(message).toMatch(
      new RegExp(
        `${pricingPyc.replace(/[.]/g, '\\.')} \\(${mode}\\) carries source hash [0-9a-f]{16} but importlib\\.util\\.source_hash of shop/pricing\\.py is [0-9a-f]{16}: it was compiled from other code`,
      ),
    );
  });

  it('whose body is not marshal data: refused by the interpreter', async () => {
    const good = pycsOf(mode).get(pricingPyc) ?? new Uint8Array();
    const message = await refusal(
      buildWith(mode, good.subarray(0, 16 + Math.floor((good.length - 16) / 2))),
      `/truncated-${mode}`,
    );
    expect(message).toContain(`${pricingPyc} is not valid bytecode (marshal.loads of its body: EOFError`);
  });

  it('whose body is marshal data but not code: refused', async () => {
    const good = pycsOf(mode).get(pricingPyc) ?? new Uint8Array();
    const notCode = Uint8Array.from(py<number[]>(pyodide, 'list(marshal.dumps(42))', 'import marshal'));
    const message = await refusal(
      buildWith(mode, Uint8Array.from([...good.subarray(0, 16), ...notCode])),
      `/notcode-${mode}`,
    );
    expect(message).toContain(
      `${pricingPyc} is not valid bytecode (marshal.loads of its body: it holds a int, not a code object)`,
    );
  });
});

describe("the manifest's size and SHA-256 of each .pyc", () => {
  it('a .pyc that is not the one the build described is refused (SHA-256)', async () => {
    const mode = 'checked-hash';
    const build = manifestFor(files, '3.14', [0], pycsOf(mode));
    // The server hands out a different (valid, same-size) .pyc: another mode's file for the same source.
    const served = new Map([
      ...pycsOf(mode),
      [pricingPyc, pycsOf('unchecked-hash').get(pricingPyc) ?? new Uint8Array()],
    ]);
    const error = await installModules(pyodide, build, { files: filesMap(files, served), root: '/sha' }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(
      new RegExp(`${pricingPyc.replace(/[.]/g, '\\.')} has SHA-256 [0-9a-f]{64} but the manifest says [0-9a-f]{64}`),
    );
    expect(pyodide.FS.analyzePath('/sha').exists).toBe(false);
  });

  it('a .pyc of another size is refused (size)', async () => {
    const build = manifestFor(files, '3.14', [0], pycsOf('checked-hash'));
    const good = pycsOf('checked-hash').get(pricingPyc) ?? new Uint8Array();
    const served = new Map([...pycsOf('checked-hash'), [pricingPyc, Uint8Array.from([...good, 0])]]);
    const error = await installModules(pyodide, build, { files: filesMap(files, served), root: '/size' }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain(
      `${pricingPyc} is ${good.length + 1} bytes but the manifest says ${good.length}`,
    );
  });

  it('verify: false installs what it is given (the checks are what refused it)', async () => {
    const build = buildWith('unchecked-hash', impostor.get('unchecked-hash') ?? new Uint8Array());
    const result = await installModules(pyodide, build.manifest, {
      files: build.files,
      root: '/unverified',
      verify: false,
    });
    expect(result.bytecodeFiles).toBe(files.length);
    expect(py<string>(pyodide, 'shop.pricing.total([])', 'import shop.pricing')).toBe('not the built code');
    forget(pyodide, 'shop', '/unverified');
  });
});

describe('verifyPycHeader and verifyPycsInInterpreter (reusable by other installers)', () => {
  it("compares the source hash with the core's source_hash for the interpreter, in both modes", () => {
    const facts = py<{ version: string; magic: string }>(
      pyodide,
      "{'version': '%d.%d' % sys.version_info[:2], 'magic': importlib.util.MAGIC_NUMBER.hex()}",
      'import sys, importlib.util',
    );
    for (const mode of ['checked-hash', 'unchecked-hash'] as const) {
      const pyc = pycsOf(mode).get(pricingPyc) ?? new Uint8Array();
      const expected = { path: pricingPyc, sourcePath: PRICING, version: facts.version, magicNumber: facts.magic };
      expect(verifyPycHeader(pyc, { ...expected, source: bytesOf(PRICING) }).kind).toBe(mode);
      expect(() => verifyPycHeader(pyc, { ...expected, source: new TextEncoder().encode('x = 1\n') })).toThrow(
        /compiled from other code/,
      );
      // The interpreter agrees on the hash the check compares with.
      const stored = Buffer.from(pyc.subarray(8, 16)).toString('hex');
      expect(
        py<string>(
          pyodide,
          `importlib.util.source_hash(bytes(${JSON.stringify([...bytesOf(PRICING)])})).hex()`,
          'import importlib.util',
        ),
      ).toBe(stored);
    }
  });

  it('checks source hashes and bodies of many files in the interpreter, leaving no scratch file', () => {
    const all = [...pycsOf('unchecked-hash')].map(([path, bytes]) => {
      const entry = manifestFor(files).modules.find((m) => m.cache[''] === path);
      return { path, bytes, source: { path: entry?.source ?? '', bytes: bytesOf(entry?.source ?? '') } };
    });
    expect(() => verifyPycsInInterpreter(pyodide, all)).not.toThrow();
    const swapped = all.map((pyc) =>
      pyc.path === pricingPyc ? { ...pyc, bytes: impostor.get('unchecked-hash') ?? new Uint8Array() } : pyc,
    );
    expect(() => verifyPycsInInterpreter(pyodide, swapped)).toThrow(
      `${pricingPyc} (unchecked-hash) carries source hash`,
    );
    expect(
      py<string[]>(pyodide, "[n for n in os.listdir('/tmp') if n.startswith('.pycache-kit')]", 'import os'),
    ).toEqual([]);
  });
});
