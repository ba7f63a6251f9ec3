/**
 * `table[key]` for the table's own keys only: a plain object literal also answers `constructor`, `toString` or
 * `__proto__` from `Object.prototype`, and a codec or version name can be any string a user writes.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
