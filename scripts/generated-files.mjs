// How every generator (scripts/generate-*.mjs) writes its output. With `--check` on its command line nothing is
// written: each file is regenerated in memory and compared with the committed one, and `finishGenerated` exits
// non-zero naming every file that drifted (a table or fixture edited by hand, or an interpreter that changed).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

/** True when the generator runs as `--check`. */
export const checking = process.argv.includes('--check');

const drifted = [];
let compared = 0;

/** Writes `content` (string: UTF-8) to `path` (a path or file URL), or with `--check` compares it. */
export function writeGenerated(path, content) {
  const file = path instanceof URL ? fileURLToPath(path) : path;
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  if (!checking) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    return;
  }
  compared += 1;
  if (!existsSync(file) || !sameContent(file, readFileSync(file), bytes)) drifted.push(relative(root, file));
}

// A .gz file is compared by what it holds: another zlib build may compress the same bytes differently.
function sameContent(file, committed, generated) {
  return file.endsWith('.gz') ? gunzipSync(committed).equals(gunzipSync(generated)) : committed.equals(generated);
}

/** Ends a `--check` run: prints what drifted and sets the exit status (1 when anything drifted). */
export function finishGenerated(name) {
  if (!checking) return;
  if (drifted.length > 0) {
    console.error(
      `${name} --check: ${drifted.length} file(s) differ from what the generator gives now: ${drifted.join(', ')}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`${name} --check: ${compared} file(s) up to date`);
  }
}
