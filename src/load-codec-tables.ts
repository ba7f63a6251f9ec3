/**
 * Loads the charmap and CJK codec tables and the Unicode data (`idna`'s nameprep for `xn--` labels, the names of
 * `unicode_escape`'s `\N{...}`) and makes them available to the decoding functions (of `pycache-kit/light`;
 * `pycache-kit`'s own have them already). Dynamic imports: bundlers put the tables in chunks of their own,
 * fetched only when this is called. Resolves once they are usable; safe to call again.
 */
export async function loadCodecTables(): Promise<void> {
  const [{ useFullTables }, { useUnicodeData }] = await Promise.all([
    import('./codecs/full-tables.js'),
    import('./codecs/unicode-data-full.js'),
  ]);
  useFullTables();
  useUnicodeData();
}
