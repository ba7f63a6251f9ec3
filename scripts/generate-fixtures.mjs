// npm run fixtures: regenerates every interpreter-derived table and fixture, in dependency order, from the
// interpreters on this machine (pyenv CPython 3.6-3.13, Pyodide 3.14/3.15). Takes 10-20 minutes; pass names
// to run only some: `npm run fixtures -- paths pyc`.
import { execFileSync } from 'node:child_process';

const STEPS = [
  ['unicode', 'scripts/generate-unicode-tables.mjs', 'isalnum/isprintable tables (src/unicode-tables.ts)'],
  ['paths', 'scripts/generate-path-fixtures.mjs', 'cache_from_source, source_from_cache, source_hash answers'],
  ['pyc', 'scripts/generate-pyc-fixtures.mjs', 'real .pyc headers'],
  ['codec-tables', 'scripts/generate-codec-tables.mjs', 'charmap tables and codec registry (src/codecs/tables)'],
  ['cjk-tables', 'scripts/generate-cjk-tables.mjs', 'CJK tables (src/codecs/cjk/tables)'],
  ['unicode-data', 'scripts/generate-unicode-data-tables.mjs', "idna's nameprep and the \\N{...} names (src/codecs/tables)"],
  ['codecs', 'scripts/fixtures/codecs.mjs', 'bytes.decode, detect_encoding, decode_source answers'],
  ['cjk', 'scripts/fixtures/cjk.mjs', 'CJK decoding answers'],
  ['codec-gaps', 'scripts/fixtures/codec-gaps.mjs', 'idna xn-- labels, nameprep and \\N{...} answers'],
  ['apps', 'fixtures/apps/generate.mjs', 'fixture apps (non-UTF-8 sources) and their expected texts'],
];
const only = process.argv.slice(2);
for (const [name, script, what] of STEPS) {
  if (only.length && !only.includes(name)) continue;
  console.log(`== ${name}: ${what}`);
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
}
