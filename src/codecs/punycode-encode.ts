// Lib/encodings/punycode.py's encoder (RFC 3492), which idna's ToASCII runs to check that a decoded label
// round-trips. The same in every version 3.6 - 3.15. Deltas stay below 2**53 for any label.

const DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function T(j: number, bias: number): number {
  const res = 36 * (j + 1) - bias;
  return res < 1 ? 1 : res > 26 ? 26 : res;
}

function adapt(delta: number, first: boolean, numchars: number): number {
  delta = first ? Math.floor(delta / 700) : Math.floor(delta / 2);
  delta += Math.floor(delta / numchars);
  let divisions = 0;
  while (delta > 455) {
    delta = Math.floor(delta / 35);
    divisions += 36;
  }
  return divisions + Math.floor((36 * delta) / (delta + 38));
}

/** `text.encode('punycode')` on code points, as an ASCII string. */
export function encodePunycode(text: readonly number[]): string {
  let base = '';
  const extendedSet = new Set<number>();
  for (const cp of text) {
    if (cp < 0x80) base += String.fromCharCode(cp);
    else extendedSet.add(cp);
  }
  const extended = [...extendedSet].sort((a, b) => a - b);
  // insertion_unsort
  const deltas: number[] = [];
  let oldchar = 0x80;
  let oldindex = -1;
  for (const char of extended) {
    let index = -1;
    let pos = -1;
    let curlen = 0;
    for (const cp of text) if (cp < char) curlen++;
    let delta = (curlen + 1) * (char - oldchar);
    for (;;) {
      // selective_find
      let found = false;
      while (++pos < text.length) {
        const c = text[pos];
        if (c === char) {
          index++;
          found = true;
          break;
        }
        if (c < char) index++;
      }
      if (!found) break;
      delta += index - oldindex;
      deltas.push(delta - 1);
      oldindex = index;
      delta = 0;
    }
    oldchar = char;
  }
  // generate_integers
  let out = '';
  let bias = 72;
  for (let points = 0; points < deltas.length; points++) {
    let n = deltas[points];
    for (let j = 0; ; j++) {
      const t = T(j, bias);
      if (n < t) {
        out += DIGITS[n];
        break;
      }
      out += DIGITS[t + ((n - t) % (36 - t))];
      n = Math.floor((n - t) / (36 - t));
    }
    bias = adapt(deltas[points], points === 0, base.length + points + 1);
  }
  return base ? `${base}-${out}` : out;
}
