// The files of an output folder by POSIX path relative to it: what a build wrote, compared across hosts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `folder` (none if it does not exist), by POSIX path relative to it. */
export function filesUnder(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(folder, path).split('\\').join('/'), readFileSync(path));
    }
  };
  walk(folder);
  return files;
}
