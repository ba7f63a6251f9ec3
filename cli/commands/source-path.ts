import { sourceFromCache } from '../../src/index.js';
import { pathCommand } from './path-command.js';

/** `pycache-kit source-path PYC...`: importlib.util.source_from_cache for each bytecode path. */
export default pathCommand({
  name: 'source-path',
  summary: 'print the source file each bytecode path belongs to (importlib.util.source_from_cache)',
  argName: 'PYC',
  map: (path, target) => sourceFromCache(path, { target }),
});
