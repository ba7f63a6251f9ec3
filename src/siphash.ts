/**
 * SipHash-c-d over bytes with a 64-bit key given as two 32-bit halves, returning the 8-byte little-endian
 * digest, as CPython's `_Py_KeyedHash` writes it. 64-bit lanes are kept as pairs of uint32 (no BigInt) because
 * this runs over whole source files.
 */
export function siphash(
  cRounds: number,
  dRounds: number,
  k0hi: number,
  k0lo: number,
  k1hi: number,
  k1lo: number,
  data: Uint8Array,
): Uint8Array {
  let v0h = (k0hi ^ 0x736f6d65) >>> 0,
    v0l = (k0lo ^ 0x70736575) >>> 0;
  let v1h = (k1hi ^ 0x646f7261) >>> 0,
    v1l = (k1lo ^ 0x6e646f6d) >>> 0;
  let v2h = (k0hi ^ 0x6c796765) >>> 0,
    v2l = (k0lo ^ 0x6e657261) >>> 0;
  let v3h = (k1hi ^ 0x74656462) >>> 0,
    v3l = (k1lo ^ 0x79746573) >>> 0;

  const rounds = (n: number): void => {
    for (let r = 0; r < n; r++) {
      let lo: number, hi: number, t: number;
      // v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
      lo = (v0l + v1l) >>> 0;
      v0h = (v0h + v1h + (lo < v0l ? 1 : 0)) >>> 0;
      v0l = lo;
      hi = (v1h << 13) | (v1l >>> 19);
      lo = (v1l << 13) | (v1h >>> 19);
      v1h = (hi ^ v0h) >>> 0;
      v1l = (lo ^ v0l) >>> 0;
      t = v0h;
      v0h = v0l;
      v0l = t;
      // v2 += v3; v3 = rotl(v3, 16); v3 ^= v2
      lo = (v2l + v3l) >>> 0;
      v2h = (v2h + v3h + (lo < v2l ? 1 : 0)) >>> 0;
      v2l = lo;
      hi = (v3h << 16) | (v3l >>> 16);
      lo = (v3l << 16) | (v3h >>> 16);
      v3h = (hi ^ v2h) >>> 0;
      v3l = (lo ^ v2l) >>> 0;
      // v0 += v3; v3 = rotl(v3, 21); v3 ^= v0
      lo = (v0l + v3l) >>> 0;
      v0h = (v0h + v3h + (lo < v0l ? 1 : 0)) >>> 0;
      v0l = lo;
      hi = (v3h << 21) | (v3l >>> 11);
      lo = (v3l << 21) | (v3h >>> 11);
      v3h = (hi ^ v0h) >>> 0;
      v3l = (lo ^ v0l) >>> 0;
      // v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
      lo = (v2l + v1l) >>> 0;
      v2h = (v2h + v1h + (lo < v2l ? 1 : 0)) >>> 0;
      v2l = lo;
      hi = (v1h << 17) | (v1l >>> 15);
      lo = (v1l << 17) | (v1h >>> 15);
      v1h = (hi ^ v2h) >>> 0;
      v1l = (lo ^ v2l) >>> 0;
      t = v2h;
      v2h = v2l;
      v2l = t;
    }
  };

  const len = data.length;
  const end = len - (len % 8);
  for (let i = 0; i < end; i += 8) {
    const ml = (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)) >>> 0;
    const mh = (data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24)) >>> 0;
    v3l = (v3l ^ ml) >>> 0;
    v3h = (v3h ^ mh) >>> 0;
    rounds(cRounds);
    v0l = (v0l ^ ml) >>> 0;
    v0h = (v0h ^ mh) >>> 0;
  }
  // The last block: the remaining bytes, and the length's low byte in the top byte.
  const tail = new Uint8Array(8);
  tail.set(data.subarray(end));
  tail[7] = len & 0xff;
  const bl = (tail[0] | (tail[1] << 8) | (tail[2] << 16) | (tail[3] << 24)) >>> 0;
  const bh = (tail[4] | (tail[5] << 8) | (tail[6] << 16) | (tail[7] << 24)) >>> 0;
  v3l = (v3l ^ bl) >>> 0;
  v3h = (v3h ^ bh) >>> 0;
  rounds(cRounds);
  v0l = (v0l ^ bl) >>> 0;
  v0h = (v0h ^ bh) >>> 0;
  v2l = (v2l ^ 0xff) >>> 0;
  rounds(dRounds);
  const outLo = (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
  const outHi = (v0h ^ v1h ^ v2h ^ v3h) >>> 0;
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, outLo, true);
  view.setUint32(4, outHi, true);
  return out;
}
