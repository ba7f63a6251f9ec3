import { DYNAMIC } from './string-parts.js';

/**
 * A test for the `allow` option: each entry is a regular expression source (`'^vendor/'`), matched against the
 * string with each run-time part (`${}`, a variable) read as `*`.
 */
export function allowMatcher(patterns: readonly string[]): (text: string) => boolean {
  if (patterns.length === 0) return () => false;
  const regexps = patterns.map((p) => new RegExp(p, 'u'));
  return (text) => {
    const shown = text.replaceAll(DYNAMIC, '*');
    return regexps.some((re) => re.test(shown));
  };
}
