/**
 * Loads the charmap and CJK codec tables and the Unicode data (`idna`'s nameprep for `xn--` labels, the names of
 * `unicode_escape`'s `\N{...}`) and makes them available to the decoding functions (of `pycache-kit/light`;
 * `pycache-kit`'s own have them already). Dynamic imports: bundlers put the tables in chunks of their own,
 * fetched only when this is called. Resolves once they are usable; safe to call again.
 */
export async function loadCodecTables(): Promise<void> {
  await Promise.all([loadTableCodecs(), loadUnicodeData()]);
}

/**
 * The first half of {@link loadCodecTables}: the charmap and CJK codec tables alone. Not public: the host layer loads
 * these first and the Unicode data (about 560 KB of modules) only for a source that still needs it.
 */
export async function loadTableCodecs(): Promise<void> {
  (await import('./codecs/full-tables.js')).useFullTables();
}

/** The second half of {@link loadCodecTables}: the Unicode data alone (not public, as {@link loadTableCodecs}). */
export async function loadUnicodeData(): Promise<void> {
  (await import('./codecs/unicode-data-full.js')).useUnicodeData();
}
