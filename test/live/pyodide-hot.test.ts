// The pycache:update helper: one changed module is rewritten and reloaded; the others stay as they were.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { precompile } from '../../plugins/precompile/index.js';
import { acceptUpdates, applyUpdate, installModules, UPDATE_EVENT } from '../../src/pyodide/index.js';
import {
  EXAMPLE_PYTHON,
  filesMap,
  installCounters,
  loadTestPyodide,
  manifestFor,
  py,
  readTree,
  type TestPyodide,
  type TreeFile,
} from '../helpers/pyodide-helpers.js';

let pyodide: TestPyodide;
let files: TreeFile[];
const ROOT = '/hot';

beforeAll(async () => {
  pyodide = await loadTestPyodide();
  installCounters(pyodide);
  files = readTree(EXAMPLE_PYTHON);
  const manifest = manifestFor(files);
  const pycs = await precompile({
    modules: manifest.modules.map((m) => ({ ...m, bytes: files.find((f) => f.source === m.source)!.bytes })),
    target: '3.14',
    mode: 'unchecked-hash',
  });
  await installModules(pyodide, manifestFor(files, '3.14', [0], pycs, 'unchecked-hash'), {
    files: filesMap(files, pycs),
    root: ROOT,
  });
  py(pyodide, '1', 'import shop.report, shop.labels\n_labels_id = id(shop.labels)');
});

function edited(source: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  const entry = manifestFor([{ source, bytes }]).modules[0];
  return { entry, files: new Map([[source, bytes]]) };
}

describe('applyUpdate', () => {
  it('rewrites and reloads only the changed module, removing its stale unchecked-hash .pyc', async () => {
    const { entry, files: contents } = edited(
      'shop/pricing.py',
      'def total(lines, discount_percent=0):\n    return -1\n',
    );
    expect(pyodide.FS.analyzePath(`${ROOT}/${entry.cache['']}`).exists).toBe(true);
    const result = await applyUpdate(pyodide, entry, { files: contents, root: ROOT });
    expect(result).toEqual({ module: 'shop.pricing', reloaded: true });
    expect(pyodide.FS.analyzePath(`${ROOT}/${entry.cache['']}`).exists).toBe(false);
    expect(py<number>(pyodide, 'shop.pricing.total([])')).toBe(-1);
    // Modules that did not change are the same objects.
    expect(py<boolean>(pyodide, 'id(shop.labels) == _labels_id')).toBe(true);
  });

  it('writes a module that was not imported yet without importing it', async () => {
    const { entry, files: contents } = edited('shop/extra.py', 'VALUE = 42\n');
    expect(await applyUpdate(pyodide, entry, { files: contents, root: ROOT })).toEqual({
      module: 'shop.extra',
      reloaded: false,
    });
    expect(py<number>(pyodide, 'shop.extra.VALUE', 'import shop.extra')).toBe(42);
  });

  it("takes the Vite plugin's event data, and removes a deleted module with its bytecode", async () => {
    const { entry, files: contents } = edited('shop/units/convert.py', 'def grams_to_ounces(grams):\n    return 0.0\n');
    const updated = await applyUpdate(
      pyodide,
      { type: 'update', module: entry.module, source: entry.source, entry },
      { files: contents, root: ROOT },
    );
    expect(updated).toEqual({ module: 'shop.units.convert', reloaded: true });
    expect(py<number>(pyodide, 'shop.units.convert.grams_to_ounces(250)')).toBe(0);

    const report = readTree(EXAMPLE_PYTHON).find((f) => f.source === 'shop/report.py')!;
    const reportEntry = manifestFor([report]).modules[0];
    expect(pyodide.FS.analyzePath(`${ROOT}/${reportEntry.cache['']}`).exists).toBe(true);
    const deleted = await applyUpdate(
      pyodide,
      { type: 'delete', module: 'shop.report', source: 'shop/report.py', entry: null },
      { root: ROOT },
    );
    expect(deleted).toEqual({ module: 'shop.report', reloaded: true, deleted: true });
    expect(pyodide.FS.analyzePath(`${ROOT}/shop/report.py`).exists).toBe(false);
    expect(pyodide.FS.analyzePath(`${ROOT}/${reportEntry.cache['']}`).exists).toBe(false);
    expect(
      py<string>(
        pyodide,
        'outcome',
        'try:\n    import shop.report\n    outcome = "imported"\nexcept ImportError as exc:\n    outcome = type(exc).__name__',
      ),
    ).toBe('ModuleNotFoundError');
  });

  it('acceptUpdates applies pycache:update events in order', async () => {
    const listeners: ((payload: unknown) => void)[] = [];
    const hot = {
      on: (event: string, listener: (payload: unknown) => void) => {
        expect(event).toBe(UPDATE_EVENT);
        listeners.push(listener);
      },
    };
    const texts = ['VALUE = 1\n', 'VALUE = 2\n'];
    const contents = new Map<string, Uint8Array>();
    const seen: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      acceptUpdates(hot, pyodide, {
        root: ROOT,
        files: (path) => contents.get(path),
        onUpdate: (result, error) => {
          seen.push(error ?? result);
          if (seen.length === 2) resolve();
        },
      });
    });
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text);
      contents.set('shop/extra.py', bytes);
      const entry = {
        ...edited('shop/extra.py', text).entry,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      listeners[0](entry);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await done;
    expect(seen).toEqual([
      { module: 'shop.extra', reloaded: true },
      { module: 'shop.extra', reloaded: true },
    ]);
    expect(py<number>(pyodide, 'shop.extra.VALUE')).toBe(2);
  });
});
