import { parseCacheTag } from '../../src/index.js';
import type { Implementation } from '../../src/index.js';

/** A cache tag found in a string. */
export interface TagHit {
  tag: string;
  /** Offset of the tag in the string. */
  index: number;
  version: string;
  implementation: Implementation;
}

// Cache tags as CPython, PyPy and GraalPy spell them; a following `-` is an ABI tag
// (`cpython-312-x86_64-linux-gnu`, the extension-module suffix), not a cache tag.
const TAG = /(?<![\w-])(?:cpython-3\d{1,2}|pypy3\d{1,2}|graalpy\d{2,3}-3\d{1,2})(?![\w-])/g;

/** Cheap test before {@link findCacheTags}. */
export function mayHaveCacheTag(text: string): boolean {
  return text.includes('cpython-') || text.includes('pypy3') || text.includes('graalpy');
}

/** Every cache tag in `text` that the core's `parseCacheTag` understands. */
export function findCacheTags(text: string): TagHit[] {
  const hits: TagHit[] = [];
  for (const m of text.matchAll(TAG)) {
    const parsed = parseCacheTag(m[0]);
    if (parsed) hits.push({ tag: m[0], index: m.index, ...parsed });
  }
  return hits;
}

/** True for prose (a message, a doc string): text with whitespace that does not start like a Windows path. */
export function isProse(text: string): boolean {
  return /\s/.test(text) && !/^(?:[A-Za-z]:[\\/]|\\\\)[^\n\t]*$/.test(text);
}
