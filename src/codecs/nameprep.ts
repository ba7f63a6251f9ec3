import { pyRepr } from '../py-repr.js';
import { IdnaLabelError } from './idna-label-error.js';
import {
  B1,
  B1_CHANGED,
  B2,
  B2_ADDED,
  CCC_ADDED,
  CCC_BASE,
  COMPOSITES_ADDED,
  COMPOSITES_BASE,
  D1,
  D1_CHANGED,
  D2,
  D2_CHANGED,
  NFKD,
  PROHIBITED,
  PROHIBITED_CHANGED,
} from './tables/nameprep.js';
import { inRanges, parseCodePointMap, parseRanges } from './unicode-ranges.js';

// encodings.idna.nameprep (RFC 3491) as CPython runs it: stringprep's tables (Unicode 3.2.0) and
// unicodedata.ucd_3_2_0.normalize('NFKC'), which decomposes with the 3.2.0 data but orders and composes with the
// interpreter's own combining classes and composites, so the result depends on the version for newer characters
// (as do table B.2, whose str.lower() is the interpreter's, and 3.15's bidi classes of unassigned characters).

interface Tables {
  prohibited: Int32Array;
  b1: Int32Array;
  d1: Int32Array;
  d2: Int32Array;
  b2: Map<number, number[]>;
  nfkd: Map<number, number[]>;
  ccc: Map<number, number>;
  composites: Map<number, number>;
}

const perMinor = new Map<number, Tables>();

/** A table as of 3.`minor`: the base, or its newest replacement at or before that version. */
function asOf(base: string, changed: Readonly<Record<number, string>>, minor: number): string {
  let text = base;
  for (const [m, t] of Object.entries(changed)) if (Number(m) <= minor) text = t;
  return text;
}

/** Each version's tables, built on first use (key of a composite: first * 0x110000 + second). */
function tablesFor(minor: number): Tables {
  let t = perMinor.get(minor);
  if (t) return t;
  const ccc = new Map<number, number>();
  const composites = new Map<number, number>();
  const b2 = parseCodePointMap(B2);
  const addCcc = (text: string) => {
    let cp = 0;
    for (const e of text.split(',')) {
      const colon = e.indexOf(':');
      cp += parseInt(e.slice(0, colon), 36);
      ccc.set(cp, parseInt(e.slice(colon + 1), 36));
    }
  };
  const addComposites = (text: string) => {
    for (const [c, [a, b]] of parseCodePointMap(text)) composites.set(a * 0x110000 + b, c);
  };
  addCcc(CCC_BASE);
  addComposites(COMPOSITES_BASE);
  for (const [m, text] of Object.entries(CCC_ADDED)) if (Number(m) <= minor) addCcc(text);
  for (const [m, text] of Object.entries(COMPOSITES_ADDED)) if (Number(m) <= minor) addComposites(text);
  for (const [m, text] of Object.entries(B2_ADDED)) if (Number(m) <= minor) parseCodePointMap(text, b2);
  t = {
    prohibited: parseRanges(asOf(PROHIBITED, PROHIBITED_CHANGED, minor)),
    b1: parseRanges(asOf(B1, B1_CHANGED, minor)),
    d1: parseRanges(asOf(D1, D1_CHANGED, minor)),
    d2: parseRanges(asOf(D2, D2_CHANGED, minor)),
    b2,
    nfkd: sharedNfkd(),
    ccc,
    composites,
  };
  perMinor.set(minor, t);
  return t;
}

let nfkdMap: Map<number, number[]> | undefined;
const sharedNfkd = () => (nfkdMap ??= parseCodePointMap(NFKD));

const SBASE = 0xac00,
  LBASE = 0x1100,
  VBASE = 0x1161,
  TBASE = 0x11a7;
const LCOUNT = 19,
  VCOUNT = 21,
  TCOUNT = 28,
  SCOUNT = LCOUNT * VCOUNT * TCOUNT;

/** `unicodedata.ucd_3_2_0.normalize('NFKC', s)` of CPython 3.`minor`, on code points. */
export function nfkc32(input: readonly number[], minor: number): number[] {
  const { nfkd, ccc, composites } = tablesFor(minor);
  const out: number[] = [];
  for (const cp of input) {
    if (cp >= SBASE && cp < SBASE + SCOUNT) {
      const s = cp - SBASE;
      out.push(LBASE + Math.floor(s / (VCOUNT * TCOUNT)), VBASE + Math.floor((s % (VCOUNT * TCOUNT)) / TCOUNT));
      if (s % TCOUNT) out.push(TBASE + (s % TCOUNT));
    } else {
      const d = nfkd.get(cp);
      if (d) for (const x of d) out.push(x);
      else out.push(cp);
    }
  }
  // canonical ordering: a stable insertion sort of each run of combining marks
  for (let i = 1; i < out.length; i++) {
    const cp = out[i];
    const k = ccc.get(cp) ?? 0;
    let j = i;
    while (k && j > 0 && (ccc.get(out[j - 1]) ?? 0) > k) {
      out[j] = out[j - 1];
      j--;
    }
    out[j] = cp;
  }
  const res: number[] = [];
  let starter = -1;
  let last = 0; // combining class of the last character kept after the starter
  for (const cp of out) {
    const k = ccc.get(cp) ?? 0;
    if (starter >= 0) {
      const adjacent = res.length - 1 === starter;
      if (adjacent || (last !== 0 && last < k)) {
        const first = res[starter];
        let comp: number | undefined;
        if (adjacent && first >= LBASE && first < LBASE + LCOUNT && cp >= VBASE && cp < VBASE + VCOUNT) {
          comp = SBASE + ((first - LBASE) * VCOUNT + cp - VBASE) * TCOUNT;
        } else if (
          adjacent &&
          first >= SBASE &&
          first < SBASE + SCOUNT &&
          (first - SBASE) % TCOUNT === 0 &&
          cp > TBASE &&
          cp < TBASE + TCOUNT
        ) {
          comp = first + cp - TBASE;
        } else {
          comp = composites.get(first * 0x110000 + cp);
        }
        if (comp !== undefined) {
          res[starter] = comp;
          continue;
        }
      }
    }
    if (k === 0) starter = res.length;
    last = k;
    res.push(cp);
  }
  return res;
}

/**
 * `encodings.idna.nameprep(label)` of CPython 3.`minor` on a label's code points: map (B.1, B.2), NFKC on Unicode
 * 3.2.0, prohibit (C.1.2 - C.9), the bidi checks. Throws {@link IdnaLabelError} with CPython's reason and (3.13+)
 * positions.
 */
export function nameprep(label: readonly number[], minor: number): number[] {
  const t = tablesFor(minor);
  const mapped: number[] = [];
  for (const cp of label) {
    if (inRanges(t.b1, cp)) continue;
    const m = t.b2.get(cp);
    if (m) for (const x of m) mapped.push(x);
    else mapped.push(cp);
  }
  const result = nfkc32(mapped, minor);
  for (let i = 0; i < result.length; i++) {
    if (inRanges(t.prohibited, result[i])) {
      throw new IdnaLabelError(
        `Invalid character ${pyRepr(String.fromCodePoint(result[i]), `3.${minor}`)}`,
        i,
        i + 1,
        result,
      );
    }
  }
  const randAL = result.map((cp) => inRanges(t.d1, cp));
  if (randAL.some(Boolean)) {
    const l = result.findIndex((cp) => inRanges(t.d2, cp));
    if (l >= 0) throw new IdnaLabelError('Violation of BIDI requirement 2', l, l + 1, result);
    if (!randAL[0]) throw new IdnaLabelError('Violation of BIDI requirement 3', 0, 1, result);
    if (!randAL[randAL.length - 1])
      throw new IdnaLabelError('Violation of BIDI requirement 3', result.length - 1, result.length, result);
  }
  return result;
}
