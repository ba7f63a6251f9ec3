/**
 * Why `path` cannot be a path in a manifest (a `source`, a `cache` entry, a `.pyc` or an emitted file beside the
 * manifest), or `null` when it can: a relative POSIX path with no empty, `.` or `..` segment, no backslash and no
 * NUL. The builds check every path they write against it, so no file lands outside the output folder, and the
 * runtime refuses a manifest that breaks it before writing anything.
 */
export function manifestPathProblem(path: string): string | null {
  if (path === '') return 'it is empty';
  if (path.startsWith('/')) return 'it is absolute';
  if (path.includes('\\')) return 'it holds a backslash';
  if (path.includes('\0')) return 'it holds a NUL character';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..'))
    return "it has an empty, '.' or '..' segment";
  return null;
}
