#!/usr/bin/env node
// Generates src/codecs/cjk/tables/*.ts: the decoding tables of CPython's CJK codecs, as facts read from the
// interpreters on this machine (scripts/fixtures/cjk-tables.py probes every cell through `bytes.decode`).
//
//   node scripts/generate-cjk-tables.mjs [--dump-dir DIR] [--no-pyenv] [--check]
//
// Every interpreter found (pyenv CPython 3.6 .. 3.13, Pyodide 3.14 and 3.15) is asked; the generator stops
// with an error if two of them disagree about any cell, because the decoders would then need a version switch
// (none is needed as of 3.6 .. 3.15). Tables are stored once per character set and each codec keeps only
// the cells in which it differs from the character sets it is built on (the layouts and bases of
// src/codecs/cjk/layouts.ts, imported from the build: run `npm run build` first); the packed text format is
// described in src/codecs/cjk/packed-table.ts.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { interpreters } from './fixtures/cjk-interpreters.mjs';
import { checking, finishGenerated, writeGenerated } from './generated-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtLayouts = join(root, 'dist/src/codecs/cjk/layouts.js');
if (!existsSync(builtLayouts)) throw new Error(`${builtLayouts} is missing: run npm run build first`);
// layouts.ts imports only types, so its build never depends on the tables this script writes.
const { CODEC_BASES } = await import(builtLayouts);
const outDir = join(root, 'src/codecs/cjk/tables');
const probeScript = join(root, 'scripts/fixtures/cjk-tables.py');

// Cell values, as in src/codecs/cjk/packed-table.ts (multi-code-point cells stay strings here).
const ILLEGAL2 = 0x1ffffe;
const DELETE = 0x1fffff;

const args = process.argv.slice(2);
const dumpDir = args.includes('--dump-dir') ? args[args.indexOf('--dump-dir') + 1] : undefined;

// ---------------------------------------------------------------------------------------------------------
// 1. Ask every interpreter.
const found = await interpreters({ pyenv: !args.includes('--no-pyenv') });
const dumps = [];
for (const interp of found) {
  const text = await interp.run(probeScript);
  if (dumpDir) writeFileSync(join(dumpDir, `cjk-tables-${interp.label}.json`), text);
  dumps.push({ label: interp.label, data: JSON.parse(text) });
  console.error(`probed ${interp.label}`);
}
const reference = dumps[dumps.length - 1];
const sections = (d) => {
  const out = {};
  for (const group of ['charsets', 'grids', 'singles', 'iso2022_g2', 'euc_kr_jamo']) {
    for (const [k, v] of Object.entries(d[group])) out[`${group}.${k}`] = JSON.stringify(v);
  }
  out.gb18030_bmp = JSON.stringify(d.gb18030_bmp);
  return out;
};
const refSections = sections(reference.data);
for (const { label, data } of dumps) {
  const s = sections(data);
  for (const [k, v] of Object.entries(refSections)) {
    if (s[k] !== v)
      throw new Error(`CJK tables differ between ${label} and ${reference.label} in ${k}: add a version switch`);
  }
}
const D = reference.data;
const versions = dumps.map((d) => d.label);

// ---------------------------------------------------------------------------------------------------------
// 2. Cells: probe results to numbers.
/** A probe cell as a number (code point, ILLEGAL2, 0 for illegal or incomplete) or a string (a sequence). */
function cellValue(cell) {
  if (cell === null) return 0;
  if (typeof cell === 'number') {
    if (cell === 2) return ILLEGAL2;
    throw new Error(`unexpected illegal sequence of ${cell} bytes`);
  }
  if (Array.isArray(cell)) return 0; // incomplete or another path: not a table cell
  const cps = [...cell];
  if (cps.length === 1) return cps[0].codePointAt(0);
  if (cps.length === 2) return cell;
  throw new Error(`unexpected ${cps.length}-code-point cell ${JSON.stringify(cell)}`);
}

/** A 94x94 set (rows and columns 0x21..0x7E) as a Map from `row << 8 | col` to a cell value. */
function charset94(cells) {
  const m = new Map();
  cells.forEach((cell, i) => {
    // An ISO 2022 set's failures cover its two bytes by nature: there they just mean "no character".
    const v = cell === 2 ? 0 : cellValue(cell);
    if (v !== 0) m.set(((0x21 + Math.floor(i / 94)) << 8) | (0x21 + (i % 94)), v);
  });
  return m;
}
/** A lead x trail grid (0x80..0xFF x 0x00..0xFF) as a Map from `lead << 8 | trail`. */
function grid(cells) {
  const m = new Map();
  cells.forEach((cell, i) => {
    const v = cellValue(cell);
    if (v !== 0) m.set(((0x80 + (i >> 8)) << 8) | (i & 0xff), v);
  });
  return m;
}
/** EUC code set 3: (b2, b3) in 0xA1..0xFE as a Map from `b2 << 8 | b3`. */
function grid3(cells) {
  const m = new Map();
  cells.forEach((cell, i) => {
    const v = cellValue(cell);
    if (v !== 0) m.set(((0xa1 + Math.floor(i / 94)) << 8) | (0xa1 + (i % 94)), v);
  });
  return m;
}

/** Leads that start a multibyte sequence in a stateless codec (the lead alone is incomplete). */
function leadsOf(codec) {
  const leads = new Set();
  D.singles[codec].forEach((cell, b) => {
    if (Array.isArray(cell) && cell[3] === 'incomplete multibyte sequence') leads.add(b);
  });
  return leads;
}

// ---------------------------------------------------------------------------------------------------------
// 3. Layouts: byte pairs to charset cells, keyed here as `row << 8 | col` (layouts.ts gives the 94 x 94 index).
/** A layout of layouts.ts as a function to `row << 8 | col`, or -1. */
const cellKey = (layout) => (lead, trail) => {
  const index = layout(lead, trail);
  return index < 0 ? -1 : ((Math.floor(index / 94) + 0x21) << 8) | ((index % 94) + 0x21);
};
/** Big5's grid is stored by byte pair. */
const byPair = (lead, trail) => (lead << 8) | trail;

// ---------------------------------------------------------------------------------------------------------
// 4. Character sets and codec grids.
const sets = {
  jis0208: charset94(D.charsets.jis0208),
  jis0212: charset94(D.charsets.jis0212),
  jis0213_1_2004: charset94(D.charsets.jis0213_1_2004),
  jis0213_1_2000: charset94(D.charsets.jis0213_1_2000),
  jis0213_2: charset94(D.charsets.jis0213_2_2004),
  ksx1001: charset94(D.charsets.ksx1001),
  gb2312: charset94(D.charsets.gb2312),
  big5: grid(D.grids.big5),
};
if (JSON.stringify(D.charsets.jis0213_2_2000) !== JSON.stringify(D.charsets.jis0213_2_2004)) {
  throw new Error('JIS X 0213 plane 2 differs between iso2022_jp_3 and iso2022_jp_2004: store both');
}

/** The diff of `full` against `base` (both Maps): changed cells, and DELETE where `full` has nothing. */
function diff(full, base, keys) {
  const m = new Map();
  for (const k of keys) {
    const a = full.get(k) ?? 0;
    const b = base.get(k) ?? 0;
    if (a !== b) m.set(k, a === 0 ? DELETE : a);
  }
  return m;
}
const allKeys94 = [];
for (let r = 0x21; r <= 0x7e; r++) for (let c = 0x21; c <= 0x7e; c++) allKeys94.push((r << 8) | c);

// Charsets stored as differences from a neighbour.
const storedSets = {
  jis0208: sets.jis0208,
  jis0212: sets.jis0212,
  jis0213_1_2004: diff(sets.jis0213_1_2004, sets.jis0208, allKeys94),
  jis0213_1_2000: diff(sets.jis0213_1_2000, sets.jis0213_1_2004, allKeys94),
  jis0213_2: sets.jis0213_2,
  ksx1001: sets.ksx1001,
  gb2312: sets.gb2312,
  big5: sets.big5,
};

/** A Map as seen through layers: the first layer with a value for the pair wins. */
function compose(layers, keys) {
  const m = new Map();
  for (const k of keys) {
    for (const [set, layout] of layers) {
      const cell = layout(k >> 8, k & 0xff);
      const v = cell < 0 ? 0 : (set.get(cell) ?? 0);
      if (v !== 0) {
        m.set(k, v);
        break;
      }
    }
  }
  return m;
}

// Codec grids: the base layers of layouts.ts's CODEC_BASES, and the probed grid.
const codecLayers = Object.fromEntries(
  Object.entries(CODEC_BASES).map(([codec, base]) => [
    codec,
    base === 'gbk'
      ? 'gbk'
      : base === 'big5'
        ? [[sets.big5, byPair]]
        : base.map(([set, layout]) => [sets[set], cellKey(layout)]),
  ]),
);
const gridKeys = [];
for (let l = 0x80; l <= 0xff; l++) for (let t = 0; t <= 0xff; t++) gridKeys.push((l << 8) | t);
const grid3Keys = [];
for (let a = 0xa1; a <= 0xfe; a++) for (let b = 0xa1; b <= 0xfe; b++) grid3Keys.push((a << 8) | b);

const effective = {};
const codecDiffs = {};
for (const [codec, layers] of Object.entries(codecLayers)) {
  const three = codec.endsWith('/3');
  const name = codec.replace('/3', '');
  const probed = three ? grid3(D.grids[codec]) : grid(D.grids[codec]);
  const leads = leadsOf(name);
  const keys = three ? grid3Keys : gridKeys.filter((k) => leads.has(k >> 8));
  const base = typeof layers === 'string' ? effective[layers] : compose(layers, keys);
  effective[codec] = probed;
  codecDiffs[codec] = diff(probed, base, keys);
}

// ---------------------------------------------------------------------------------------------------------
// 5. Packing (format: src/codecs/cjk/packed-table.ts).
/** Packs a Map of `hi << 8 | lo` cells into the rectangle that holds them, row by row. */
function pack(map) {
  if (map.size === 0) return undefined;
  let r0 = 0xff,
    r1 = 0,
    c0 = 0xff,
    c1 = 0;
  for (const k of map.keys()) {
    r0 = Math.min(r0, k >> 8);
    r1 = Math.max(r1, k >> 8);
    c0 = Math.min(c0, k & 0xff);
    c1 = Math.max(c1, k & 0xff);
  }
  const cells = [];
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells.push(map.get((r << 8) | c) ?? 0);
  return { r0, r1, c0, c1, data: encodeCells(cells) };
}

/** Encodes cell values as text: literal code points, and ASCII tokens for runs, gaps and special cells. */
function encodeCells(cells) {
  let out = '';
  let prev = -2;
  let i = 0;
  while (i < cells.length) {
    const v = cells[i];
    if (v === 0) {
      let n = 1;
      while (i + n < cells.length && cells[i + n] === 0) n++;
      if (i + n === cells.length) break; // trailing holes are implied
      out += n === 1 ? 's' : `s${n}`;
      i += n;
      continue;
    }
    if (typeof v === 'string') {
      out += `p${v}`;
      prev = -2;
    } else if (v === ILLEGAL2) {
      out += 'x';
    } else if (v === DELETE) {
      out += 'z';
    } else if (v === prev + 1) {
      let n = 1;
      while (i + n < cells.length && cells[i + n] === v + n) n++;
      out += n === 1 ? 'r' : `r${n}`;
      prev = v + n - 1;
      i += n;
      continue;
    } else if (v > prev + 1 && v - prev - 1 <= 9 && prev >= 0) {
      out += `g${v - prev - 1}`;
      prev = v;
    } else if (v < 0x80) {
      out += `a${String.fromCodePoint(v)}`;
      prev = v;
    } else {
      out += String.fromCodePoint(v);
      prev = v;
    }
    i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// 6. Small algorithmic tables: gb18030 four-byte BMP ranges, EUC-KR make-up jamo, iso2022_jp_2 G2 sets.
function gb18030Ranges() {
  const bmp = D.gb18030_bmp;
  const ranges = [];
  for (let i = 0; i < bmp.length; i++) {
    if (typeof bmp[i] !== 'number') throw new Error(`gb18030 four-byte sequence ${i} did not decode`);
    if (i === 0 || bmp[i] !== bmp[i - 1] + 1) ranges.push(i, bmp[i]);
  }
  return ranges.map((n) => n.toString(36)).join(',');
}
function jamo(list, unit) {
  // byte (0x80..0xFF) -> index, '.' for none; indices are small, written in base 36.
  return list
    .slice(0x80)
    .map((v) => (v === null ? '.' : (v / unit).toString(36)))
    .join(',');
}
function g2(final) {
  return D.iso2022_g2[final].map((cell) => {
    if (cell === 3) return -1;
    if (typeof cell !== 'string' || cell.length !== 1)
      throw new Error(`iso2022_jp_2 G2 ${final}: unexpected ${JSON.stringify(cell)}`);
    return cell.charCodeAt(0);
  });
}
function g2Text(final) {
  return g2(final)
    .map((v) => (v < 0 ? '\uffff' : String.fromCharCode(v)))
    .join('');
}
if (g2('A').some((v, x) => v !== (x < 0x80 ? x + 0x80 : -1))) throw new Error('iso2022_jp_2 ESC . A is not x + 0x80');
if (g2('B').some((v, x) => v !== (x < 0x80 ? x : -1))) throw new Error('iso2022_jp_2 ESC . B is not ASCII');

// ---------------------------------------------------------------------------------------------------------
// 7. Writing.
const header = (what) => `// GENERATED by scripts/generate-cjk-tables.mjs: do not edit.
// ${what}
// Every cell is what CPython's bytes.decode returned for it (probed by scripts/fixtures/cjk-tables.py) on
// ${versions.join(', ')}, which all agree. Format: src/codecs/cjk/packed-table.ts.
`;
if (!checking) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
}
const sizes = [];
function writeModule(file, what, body) {
  const text = `${header(what)}${body}`;
  writeGenerated(join(outDir, file), text);
  sizes.push({ file, raw: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length });
}
const tsName = (n) =>
  n
    .replace(/[/]3$/, '_3')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toUpperCase();
/** A string literal; invisible or line-breaking characters escaped. */
const literal = (text) =>
  JSON.stringify(text).replace(
    /[\u0080-\u009f\u00ad\u2028\u2029\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
const packedLiteral = (p) =>
  `{ r0: 0x${p.r0.toString(16)}, r1: 0x${p.r1.toString(16)}, c0: 0x${p.c0.toString(16)}, c1: 0x${p.c1.toString(16)}, data: ${literal(p.data)} }`;

const setDescriptions = {
  jis0208: 'JIS X 0208 as iso2022_jp decodes it after ESC $ B (rows and columns 0x21..0x7E).',
  jis0212: 'JIS X 0212 as iso2022_jp_1 decodes it after ESC $ ( D.',
  jis0213_1_2004: 'JIS X 0213:2004 plane 1 (iso2022_jp_2004, ESC $ ( Q): only the cells that differ from JIS X 0208.',
  jis0213_1_2000:
    'JIS X 0213:2000 plane 1 (iso2022_jp_3, ESC $ ( O): only the cells that differ from JIS X 0213:2004 plane 1.',
  jis0213_2: 'JIS X 0213 plane 2 (iso2022_jp_2004 and iso2022_jp_3, ESC $ ( P; identical).',
  ksx1001: 'KS X 1001 as iso2022_kr decodes it after ESC $ ) C and SO.',
  gb2312: 'GB 2312 as iso2022_jp_2 decodes it after ESC $ A.',
  big5: 'Big5 as the big5 codec decodes lead x trail byte pairs.',
};
for (const [name, map] of Object.entries(storedSets)) {
  const p = pack(map);
  writeModule(
    `${name.replace(/_/g, '-')}.ts`,
    setDescriptions[name],
    `import type { PackedTable } from '../packed-table.js';\n\nexport const ${tsName(name)}: PackedTable = ${packedLiteral(p)};\n`,
  );
}
const diffLines = [];
const diffImports = [];
for (const [codec, map] of Object.entries(codecDiffs)) {
  const p = pack(map);
  if (!p) {
    diffLines.push(`  '${codec}': undefined,`);
    continue;
  }
  const file = `diff-${codec.replace('/3', '-3').replace(/_/g, '-')}`;
  writeModule(
    `${file}.ts`,
    `The cells in which ${codec.replace('/3', ' (code set 3, after 0x8F)')} differs from the character sets it is built on.`,
    `import type { PackedTable } from '../packed-table.js';\n\nexport const DIFF_${tsName(codec)}: PackedTable = ${packedLiteral(p)};\n`,
  );
  diffImports.push(`import { DIFF_${tsName(codec)} } from './${file}.js';`);
  diffLines.push(`  '${codec}': DIFF_${tsName(codec)},`);
}
writeModule(
  'codec-diffs.ts',
  "Each codec grid's differences from its base layers (undefined: none).",
  `import type { PackedTable } from '../packed-table.js';\n${diffImports.join('\n')}\n\n/** Keyed by codec name; \`/3\` is EUC code set 3 (0x8F, two bytes). */\nexport const CODEC_DIFFS: Readonly<Record<string, PackedTable | undefined>> = {\n${diffLines.join('\n')}\n};\n`,
);
writeModule(
  'small.ts',
  'gb18030 four-byte BMP ranges, EUC-KR make-up jamo and iso2022_jp_2 ISO 8859-7 single shifts.',
  `/** gb18030 four-byte sequences below 0x84 0x31 0xA5 0x30: base-36 pairs (linear index where a range starts, its first code point). */
export const GB18030_BMP_RANGES = ${JSON.stringify(gb18030Ranges())};

/** EUC-KR KS X 1001:1998 Annex 3 make-up sequence (A4 D4 A4 X A4 Y A4 Z): per byte 0x80..0xFF, the choseong / jungseong / jongseong index in base 36, '.' for none. */
export const EUC_KR_CHOSEONG = ${JSON.stringify(jamo(D.euc_kr_jamo.cho, 588))};
export const EUC_KR_JUNGSEONG = ${JSON.stringify(jamo(D.euc_kr_jamo.jung, 28))};
export const EUC_KR_JONGSEONG = ${JSON.stringify(jamo(D.euc_kr_jamo.jong, 1))};

/** iso2022_jp_2 ESC N x after ESC . F, per byte x: the character, U+FFFF for an illegal sequence. */
export const ISO2022_G2_ISO8859_7 = ${literal(g2Text('F'))};
`,
);

// Single bytes: the character, U+FFFF where a multibyte sequence starts, U+FFFE where the byte is illegal.
const singleTexts = new Map();
const singleLines = [];
for (const [codec, cells] of Object.entries(D.singles)) {
  const text = cells
    .map((cell) => {
      if (typeof cell === 'string' && cell.length === 1) return cell;
      if (cell === null) return '\ufffe';
      if (Array.isArray(cell) && cell[3] === 'incomplete multibyte sequence' && cell[1] === 0 && cell[2] === 1)
        return '\uffff';
      throw new Error(`${codec}: unexpected single-byte result ${JSON.stringify(cell)}`);
    })
    .join('');
  if (!singleTexts.has(text)) singleTexts.set(text, `SINGLES_${singleTexts.size}`);
  singleLines.push(`  ${codec}: ${singleTexts.get(text)},`);
}
writeModule(
  'singles.ts',
  'What each stateless codec makes of every byte on its own.',
  `${[...singleTexts].map(([text, name]) => `const ${name} = ${literal(text)};`).join('\n')}

/** Per codec, 256 UTF-16 units: the byte's character, U+FFFF where a multibyte sequence starts, U+FFFE for an illegal byte. */
export const SINGLES: Readonly<Record<string, string>> = {
${singleLines.join('\n')}
};
`,
);

let rawTotal = 0,
  gzTotal = 0;
for (const s of sizes) {
  rawTotal += s.raw;
  gzTotal += s.gzip;
  console.log(`${s.file.padEnd(34)} ${String(s.raw).padStart(8)} ${String(s.gzip).padStart(8)}`);
}
console.log(`${'total'.padEnd(34)} ${String(rawTotal).padStart(8)} ${String(gzTotal).padStart(8)}`);
const all = sizes.map((s) => s.file).sort();
if (all.length !== readdirSync(outDir).length) throw new Error('unexpected files in the tables directory');
finishGenerated('generate-cjk-tables');
