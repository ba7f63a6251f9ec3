// fixtures/apps/basic bundled by a host: the bundle's main module exports every module's text (`sources`) and the
// named exports of three of them (`named`); these checks hold them to what CPython 3.12 gave (expected.json).
import { expect } from 'vitest';
import type { AppExpectations } from './webpack-harness.js';

/** What the basic app's bundle exports. */
export interface BasicExports {
  sources: Record<string, string>;
  named: Record<
    'init' | 'latin1' | 'sjis',
    { default: string; sourcePath: string; cachePath: string; moduleName: string; encoding: string }
  >;
}

/** Every module is there, with the text CPython's `decode_source` gives. */
export function expectBasicTexts(sources: BasicExports['sources'], expected: AppExpectations): void {
  expect(Object.keys(sources).sort()).toEqual(Object.keys(expected.modules).sort());
  for (const [source, text] of Object.entries(sources)) expect(text, source).toBe(expected.modules[source].text);
}

/** The named exports are CPython's names: source path, cache path, module name, encoding. */
export function expectBasicNames(named: BasicExports['named'], expected: AppExpectations): void {
  expect(named.init).toEqual({
    default: expected.modules['app/__init__.py'].text,
    sourcePath: 'app/__init__.py',
    cachePath: expected.modules['app/__init__.py'].cache[''],
    moduleName: 'app',
    encoding: 'utf-8',
  });
  expect(named.latin1.encoding).toBe(expected.modules['app/legacy_latin1.py'].encoding);
  expect(named.sjis).toMatchObject({
    moduleName: 'app.sjis',
    encoding: expected.modules['app/sjis.py'].encoding,
    cachePath: expected.modules['app/sjis.py'].cache[''],
  });
}
