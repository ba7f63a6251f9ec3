import { createRequire } from 'node:module';

interface PackageRepository {
  repository: { url: string };
}

const { repository } = createRequire(import.meta.url)('pycache-kit/package.json') as PackageRepository;

/** The repository's web address, from `repository.url` in package.json (`git+https://…/x.git` → `https://…/x`). */
export const REPOSITORY_URL = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/**
 * The address of a file of the repository on its default branch, e.g. `docs/rules/<name>.md`. Rule doc URLs and
 * the manifest schema's `$id` are built here, so a move of the repository is one edit of package.json.
 */
export function repositoryFileUrl(path: string): string {
  return `${REPOSITORY_URL}/blob/main/${path}`;
}
