/**
 * Loads the charmap and CJK codec tables and makes them available to the decoding functions (of
 * `pycache-kit/light`; `pycache-kit`'s own have them already). A dynamic import: bundlers put the tables in a
 * chunk of their own, fetched only when this is called. Resolves once they are usable; safe to call again.
 */
export async function loadCodecTables(): Promise<void> {
  const { useFullTables } = await import('./codecs/full-tables.js');
  useFullTables();
}
