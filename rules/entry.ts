/**
 * `pycache-kit/eslint`, as published: loads the plugin ({@link ./index.ts}) after checking that its optional peer
 * dependency `@typescript-eslint/utils` is installed, so a user without it reads which package to install
 * instead of Node's "Cannot find package" from deep inside the rules.
 */
import { isMissingPackage, MissingPeerDependencyError } from '../plugins/common/peer-dependency.js';
import type { PycachePlugin } from './index.js';

export type { PycachePlugin } from './index.js';

const PEER = '@typescript-eslint/utils';

async function load(): Promise<PycachePlugin> {
  try {
    return (await import('./index.js')).default;
  } catch (error) {
    throw isMissingPackage(error, PEER) ? new MissingPeerDependencyError(PEER, 'pycache-kit/eslint', error) : error;
  }
}

const plugin: PycachePlugin = await load();
export default plugin;
