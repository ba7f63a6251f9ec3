/**
 * How Python would see a JavaScript value passed where CPython takes an arbitrary object: its type name (for
 * `TypeError` messages), `str()` and truthiness. JavaScript numbers are Python ints when integral.
 */

/** `type(value).__name__` of the Python value a JavaScript value stands for. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'string') return 'str';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** `str(value)` for the scalar values an option can hold; `undefined` for values Python code would not get. */
export function pyStr(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    if (Number.isInteger(value)) return Math.abs(value) >= 1e21 ? BigInt(value).toString() : String(value);
    return floatRepr(value);
  }
  if (value === null) return 'None';
  return undefined;
}

/** `repr(float)`: the shortest round-trip digits, as JavaScript's, but with Python's exponent rules. */
function floatRepr(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e16 || abs < 1e-4) {
    const [mantissa, exponent] = value.toExponential().split('e');
    const exp = Number(exponent);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(value);
}

/** `bool(value)` in Python: empty containers and zero are false, NaN is true. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
