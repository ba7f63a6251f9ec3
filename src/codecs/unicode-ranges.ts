/**
 * Range and map tables of the generated Unicode data (src/codecs/tables/nameprep.ts and unicode-names.ts):
 * ranges are "start.extra" in base 36 with starts relative to the previous range's end; maps "delta:cp.cp".
 */

/** Parses ranges into sorted boundaries: [start0, end0 + 1, start1, end1 + 1, ...]. */
export function parseRanges(text: string): Int32Array {
  const parts = text ? text.split(',') : [];
  const out = new Int32Array(parts.length * 2);
  let prev = 0;
  for (let k = 0; k < parts.length; k++) {
    const dot = parts[k].indexOf('.');
    const start = prev + parseInt(dot < 0 ? parts[k] : parts[k].slice(0, dot), 36);
    const end = start + (dot < 0 ? 0 : parseInt(parts[k].slice(dot + 1), 36)) + 1;
    out[2 * k] = start;
    out[2 * k + 1] = end;
    prev = end;
  }
  return out;
}

/** Whether `cp` lies in the ranges given as boundaries by {@link parseRanges}. */
export function inRanges(bounds: Int32Array, cp: number): boolean {
  let lo = 0;
  let hi = bounds.length;
  // the number of boundaries <= cp is odd exactly inside a range
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] <= cp) lo = mid + 1;
    else hi = mid;
  }
  return (lo & 1) === 1;
}

/** Parses a "delta:cp.cp" map (code points in base 36) into the values' code points, keyed by code point. */
export function parseCodePointMap(text: string, into: Map<number, number[]> = new Map()): Map<number, number[]> {
  let key = 0;
  for (const entry of text ? text.split(',') : []) {
    const colon = entry.indexOf(':');
    key += parseInt(entry.slice(0, colon), 36);
    into.set(
      key,
      entry
        .slice(colon + 1)
        .split('.')
        .map((x) => parseInt(x, 36)),
    );
  }
  return into;
}
