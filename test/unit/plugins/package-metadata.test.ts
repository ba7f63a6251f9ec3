// The package's metadata: its licence file, where its repository, home page and issue tracker are, and the
// addresses derived from them (rule doc URLs, the manifest schema's $id) all naming that one repository.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_URL, repositoryFileUrl } from '../../../plugins/common/repository-url.js';
import plugin from '../../../rules/index.js';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json'));

describe('package metadata', () => {
  it('has an MIT LICENSE file, as package.json says', () => {
    expect(pkg.license).toBe('MIT');
    const license = read('LICENSE');
    expect(license.split('\n')[0]).toBe('MIT License');
    expect(license).toMatch(/^Copyright \(c\) \d{4} pycache-kit contributors$/m);
  });

  it('names the repository, its home page and its issue tracker', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/pycache-kit/pycache-kit.git' });
    expect(REPOSITORY_URL).toBe('https://github.com/pycache-kit/pycache-kit');
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY_URL}/issues` });
  });

  it('rule doc URLs and the manifest schema $id are files of that repository', () => {
    expect(repositoryFileUrl('docs/manifest.schema.json')).toBe(
      'https://github.com/pycache-kit/pycache-kit/blob/main/docs/manifest.schema.json',
    );
    expect(JSON.parse(read('docs/manifest.schema.json')).$id).toBe(repositoryFileUrl('docs/manifest.schema.json'));
    for (const [name, rule] of Object.entries(plugin.rules))
      expect(rule.meta?.docs?.url).toBe(repositoryFileUrl(`docs/rules/${name}.md`));
  });
});
