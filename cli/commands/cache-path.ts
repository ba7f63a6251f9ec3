import { cacheFromSource } from '../../src/index.js';
import { pathCommand } from './path-command.js';

/** `pycache-kit cache-path FILE...`: importlib.util.cache_from_source for each file. */
export default pathCommand({
  name: 'cache-path',
  summary: 'print the bytecode path CPython uses for each source file (importlib.util.cache_from_source)',
  argName: 'FILE',
  map: (path, target, optimization) => cacheFromSource(path, { target, optimization }),
});
