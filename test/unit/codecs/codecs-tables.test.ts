// The generated tables (src/codecs/tables/, from scripts/generate-codec-tables.mjs) against what each interpreter
// reported (fixtures/codecs/registry.json.gz, written by scripts/generate-codec-fixtures.mjs from the same oracle).
import { describe, expect, it } from 'vitest';
import { charmapTable } from '../../../src/codecs/charmap.js';
import { codecAliases, codecModules, lookupEntry } from '../../../src/codecs/registry.js';
import { loadFixture } from '../../helpers/codecs-fixtures.js';

interface Registry {
  aliases: Record<string, string>;
  modules: Record<string, { name: string; text: boolean } | { error: string; message: string }>;
  charmaps: Record<string, string>;
}
const { versions } = loadFixture<{ versions: Record<string, Registry> }>('codecs/registry.json.gz');

describe("generated codec tables = the interpreters' registries", () => {
  for (const [version, reg] of Object.entries(versions)) {
    const minor = Number(version.slice(2));
    it(`${version}: encodings.aliases.aliases, the encodings modules and their lookup answers`, () => {
      expect(Object.fromEntries([...codecAliases(minor)].sort())).toEqual(reg.aliases);
      expect(codecModules(minor).sort()).toEqual(Object.keys(reg.modules).sort());
      for (const [mod, answer] of Object.entries(reg.modules)) {
        if ('name' in answer) {
          // (the alias table wins over the module name: iso8859_1 resolves to latin_1, whose name is the same)
          const { name, text } = lookupEntry(mod, minor);
          expect({ name, text }, mod).toEqual({ name: answer.name, text: answer.text });
        } else {
          expect(() => lookupEntry(mod, minor), mod).toThrow(answer.message);
        }
      }
    });
    it(`${version}: every charmap table, byte for byte`, () => {
      for (const [mod, table] of Object.entries(reg.charmaps)) {
        const ours = charmapTable(mod, minor);
        expect(ours, mod).toBeDefined();
        expect(String.fromCharCode(...(ours as Uint16Array)), mod).toBe(table);
      }
    });
  }
  it('3.0 to 3.5 drop the modules CPython added later (reasoned, no interpreter)', () => {
    expect(codecModules(5)).not.toContain('oem');
    expect(codecModules(4)).not.toContain('koi8_t');
    expect(codecModules(3)).not.toContain('cp1125');
    expect(codecModules(2)).not.toContain('cp65001');
    expect(() => lookupEntry('cp273', 3)).toThrow('unknown encoding: cp273');
    expect(lookupEntry('cp273', 4).name).toBe('cp273');
  });
});
