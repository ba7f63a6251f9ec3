import { UnicodeEncodeError, UnicodeError, ValueError } from '../errors.js';

// The classes live with CPython's others in errors.ts; re-exported here for the codecs that import them.
export { UnicodeEncodeError, UnicodeError };

/**
 * What CPython's argument parsing does with a codec name before anything else: a lone surrogate is a
 * `UnicodeEncodeError` (position in code points), a NUL a `ValueError`.
 */
export function checkCodecName(name: string): void {
  let position = 0;
  for (const ch of name) {
    const u = ch.charCodeAt(0);
    if (ch.length === 1 && u >= 0xd800 && u <= 0xdfff) {
      throw new UnicodeEncodeError(
        `'utf-8' codec can't encode character '\\u${u.toString(16)}' in position ${position}: surrogates not allowed`,
      );
    }
    position++;
  }
  if (name.includes('\0')) throw new ValueError('embedded null character');
}
