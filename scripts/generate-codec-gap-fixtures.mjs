// Generates the fixtures of idna's `xn--` labels (ToUnicode, nameprep, the 1024-character limit) and of
// unicode_escape's `\N{...}` from every interpreter on the machine (CPython 3.6..3.13 through pyenv, 3.14 and
// 3.15 as Pyodide): `node scripts/generate-codec-gap-fixtures.mjs [--check]`. Inputs come from a fixed seed; labels that decode
// are built by the interpreter's own punycode encoder, and names from its own name database (3.15's, the
// largest). Writes fixtures/codecs/idna.json.gz, fixtures/codecs/nameprep.json.gz and
// fixtures/codecs/unicode-names.json.gz: { cases: [{ input, answers: [[versions, answer], ...] }] }.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runPyodide as runPyodideScript } from './interpreters.mjs';
import { runEverywhere, runPyenv, runPyodide } from './fixtures/codecs-oracle.mjs';
import { idnaTexts, mutateLabel, nameVariants } from './fixtures/codec-gaps-inputs.mjs';
import { group, prng, writeFixture } from './fixtures/fixture-io.mjs';
import { finishGenerated } from './generated-files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const oracle = `${root}scripts/fixtures/codec-gaps.py`;
const log = (m) => console.error(m);
const rand = prng(0x1d7a);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const hex = (s) => Buffer.from(s, 'latin1').toString('hex');

const write = (rel, data) => writeFixture(rel, data, log);

// ---- idna: labels the interpreter encodes, then mutated and combined
const texts = idnaTexts(rand, 900);
const encoded = runPyenv('3.13.0', oracle, { punycode: texts }).punycode.map((h) =>
  Buffer.from(h, 'hex').toString('latin1'),
);
const idnaInputs = [
  'xn--mnchen-3ya',
  'xn--mnchen-3ya.xn--bcher-kva',
  '# coding: idna\nxn--mnchen-3ya = 1\n',
  'xn--mnchen-3ya.xn--bcher-kva = 1\n',
  'XN--mnchen-3ya',
  'Xn--mnchen-3ya.xN--bcher-kva.',
  'xn--abc-',
  'xn--',
  'xn--.',
  '.xn--mnchen-3ya',
  'a..xn--mnchen-3ya..',
  'xn--\xe9',
  'a\xe9.xn--x',
  'xn--mnchen-3ya.\xe9',
  '\xe9.xn--mnchen-3ya',
  'xn--ls8h',
  'xn--zca',
  'xn--MNCHEN-3YA',
  'xn--mnchen-3yA',
  'xn--mnchen-3ya-',
  'xn--a-ecp.ru',
  'xn--ngbrx',
  'xn--4gbrim',
  'xn--a-yoc',
  'xn--1-bmc',
  'xn--abc-ecp',
  'xn--mgbh0fb',
  'xn--dmin-moa0i',
  'xn--xn--abc-',
  'xn--xn--ls8h',
  'xn--aaa',
  'xn--999999999',
  'xn--zzzzzzzzzzz',
  'xn--a-',
  'xn---',
  'xn--a-9',
  'xn--\x00',
  'xn--a\x80b',
  'a'.repeat(1024),
  'a'.repeat(1025),
  `xn--${'a'.repeat(1020)}`,
  `xn--${'a'.repeat(1021)}`,
  `${'a'.repeat(1025)}.xn--mnchen-3ya`,
  `xn--mnchen-3ya.${'b'.repeat(1025)}`,
  `${'\xe9'.repeat(1030)}`,
  `xn--${'a'.repeat(60)}-`,
  `xn--${'a'.repeat(59)}-`,
  `xn--${'a'.repeat(62)}-9`,
];
for (const label of encoded) {
  idnaInputs.push(label);
  if (rand() < 0.5) idnaInputs.push(mutateLabel(rand, label));
}
for (let i = 0; i < 400; i++) {
  const parts = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
    rand() < 0.7 ? pick(encoded) : pick(['a', 'b-c', '', 'XN--x', 'x = 1\n', '\xe9']),
  );
  let s = parts.join('.');
  if (rand() < 0.2) s += '.';
  if (rand() < 0.3) s = mutateLabel(rand, s);
  idnaInputs.push(s);
}
const idnaSources = [
  '# coding: idna\nxn--mnchen-3ya = 1\n',
  '# coding: idna\nx = "xn--mnchen-3ya.xn--bcher-kva"\r\n',
  '# coding: idna\nx = 1\r',
  `# coding: idna\n${'a'.repeat(1030)}\n`,
  `# coding: idna\nx.${'a'.repeat(1030)}.y\n`,
  '# coding: idna\nxn--abc-\n',
  '# coding: idna\n\xe9.xn--abc-\n',
  '# coding: idna\na.xn--zca.b\n',
  '# coding: idna\n.xn--x\n',
  '# coding: idna\nXN--mnchen-3ya\n',
  ...encoded.slice(0, 60).map((l) => `# coding: idna\nx = ${l}.\n`),
];
const idnaRes = await runEverywhere(
  oracle,
  { decode: idnaInputs.map((s) => ['idna', hex(s)]), source: idnaSources.map(hex) },
  log,
);
const versions = Object.keys(idnaRes);
write('fixtures/codecs/idna.json.gz', {
  about: "bytes.decode('idna') and importlib.util.decode_source of '# coding: idna' sources with xn-- labels",
  decode: idnaInputs.map((s, i) => ({
    input: hex(s),
    answers: group(Object.fromEntries(versions.map((v) => [v, idnaRes[v].decode[i]]))),
  })),
  source: idnaSources.map((s, i) => ({
    input: hex(s),
    answers: group(Object.fromEntries(versions.map((v) => [v, idnaRes[v].source[i]]))),
  })),
});

// ---- nameprep and ucd_3_2_0 NFKC on random strings
const nfkcInputs = idnaTexts(rand, 1500);
const nfkcRes = await runEverywhere(oracle, { nfkc: nfkcInputs }, log);
write('fixtures/codecs/nameprep.json.gz', {
  about: "unicodedata.ucd_3_2_0.normalize('NFKC') and encodings.idna.nameprep of random strings (code points)",
  cases: nfkcInputs.map((c, i) => ({
    input: c,
    answers: group(Object.fromEntries(versions.map((v) => [v, nfkcRes[v].nfkc[i]]))),
  })),
});

// ---- \N{...}: names of random code points and every alias and named sequence, as 3.15 has them, and variants
const sample = [];
for (let i = 0; i < 4000; i++) {
  const r = rand();
  sample.push(
    r < 0.4
      ? Math.floor(rand() * 0x10000)
      : r < 0.8
        ? 0x10000 + Math.floor(rand() * 0x20000)
        : r < 0.9
          ? 0x30000 + Math.floor(rand() * 0x20000)
          : 0xac00 + Math.floor(rand() * 11172),
  );
}
const newest = await runPyodide('pyodide-315', oracle, { names: sample });
// the aliases and named sequences, as scripts/fixtures/unicode-names.py reads them from unicodedata's C API
const database = JSON.parse(
  await runPyodideScript('3.15', readFileSync(`${root}scripts/fixtures/unicode-names.py`, 'utf8')),
);
newest.aliases = [...database.aliases.map(([name]) => name), ...database.sequences];
const named = sample.map((cp, i) => [cp, newest.names[i]]).filter(([, n]) => n !== null);
const nameInputs = nameVariants(rand, named, newest.aliases);
const nameRes = await runEverywhere(oracle, { decode: nameInputs.map((s) => ['unicode_escape', hex(s)]) }, log);
write('fixtures/codecs/unicode-names.json.gz', {
  about: "bytes.decode('unicode_escape') of \\N{...} escapes: names, aliases, named sequences and variants",
  cases: nameInputs.map((s, i) => ({
    input: hex(s),
    answers: group(Object.fromEntries(versions.map((v) => [v, nameRes[v].decode[i]]))),
  })),
});
finishGenerated('generate-codec-gap-fixtures');
