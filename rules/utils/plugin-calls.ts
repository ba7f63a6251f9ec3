import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { propertyValue, pycacheKitBindings } from './core-calls.js';
import { unwrapTS } from './string-parts.js';

/** The loader a webpack rule names to run pycache-kit's loader. */
const LOADER = 'pycache-kit/webpack-loader';
/** The subpaths whose exports are the bundler plugins. */
const PLUGIN_MODULES: ReadonlySet<string> = new Set(['pycache-kit/vite', 'pycache-kit/webpack']);

/**
 * The options object given to one of pycache-kit's bundler plugins: `pycache({...})` (the default export of
 * `pycache-kit/vite`) or `new PycachePlugin({...})` (`pycache-kit/webpack`), imported by name or namespace.
 */
export function pluginOptionsOf(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.Node | undefined {
  const [first] = node.arguments;
  if (first === undefined) return undefined;
  const callee = unwrapTS(node.callee);
  let name: TSESTree.Identifier;
  let member: string | undefined;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    name = callee;
  } else if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.property.type === AST_NODE_TYPES.Identifier
  ) {
    name = callee.object;
    member = callee.property.name;
  } else {
    return undefined;
  }
  // Most files import no plugin: a name check first keeps scope lookups off every other call.
  if (!PLUGIN_MODULES.has(pycacheKitBindings(sourceCode.ast).get(name.name) ?? '')) return undefined;
  const def = findVariable(sourceCode.getScope(node), name)?.defs[0];
  if (def?.type !== 'ImportBinding' || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const from = def.parent.source.value;
  const spec = def.node;
  const imported =
    spec.type === AST_NODE_TYPES.ImportSpecifier
      ? spec.imported.type === AST_NODE_TYPES.Identifier
        ? spec.imported.name
        : spec.imported.value
      : spec.type === AST_NODE_TYPES.ImportDefaultSpecifier
        ? 'default'
        : '*';
  const exported = member === undefined ? imported : imported === '*' ? member : undefined;
  const isVite = from === 'pycache-kit/vite' && exported === 'default' && node.type === AST_NODE_TYPES.CallExpression;
  const isWebpack =
    from === 'pycache-kit/webpack' && exported === 'PycachePlugin' && node.type === AST_NODE_TYPES.NewExpression;
  return isVite || isWebpack ? first : undefined;
}

/** The `options` of a webpack rule whose `loader` is the literal `'pycache-kit/webpack-loader'` (given that literal). */
export function loaderOptionsOf(literal: TSESTree.Literal): TSESTree.Node | undefined {
  if (literal.value !== LOADER) return undefined;
  const prop = literal.parent;
  if (prop?.type !== AST_NODE_TYPES.Property || prop.value !== literal || prop.computed) return undefined;
  const key =
    prop.key.type === AST_NODE_TYPES.Identifier
      ? prop.key.name
      : prop.key.type === AST_NODE_TYPES.Literal
        ? prop.key.value
        : undefined;
  if (key !== 'loader') return undefined;
  return propertyValue(prop.parent, 'options')?.value;
}

/** Whether the file imports one of the bundler plugins at its top level. */
export function importsPlugin(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const module of pycacheKitBindings(sourceCode.ast).values()) if (PLUGIN_MODULES.has(module)) return true;
  return false;
}

/** True when `node` is the `python` value in the options of a bundler plugin or of the webpack loader. */
export function isPluginPythonOption(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const prop = node.parent;
  if (prop?.type !== AST_NODE_TYPES.Property || prop.value !== node || propertyValue(prop.parent, 'python') !== prop)
    return false;
  const options = prop.parent;
  const holder = options.parent;
  if (
    (holder?.type === AST_NODE_TYPES.CallExpression || holder?.type === AST_NODE_TYPES.NewExpression) &&
    holder.arguments[0] === options
  ) {
    return pluginOptionsOf(holder, sourceCode) === options;
  }
  if (holder?.type === AST_NODE_TYPES.Property && holder.value === options) {
    const loader = propertyValue(holder.parent, 'loader')?.value;
    return loader?.type === AST_NODE_TYPES.Literal && loaderOptionsOf(loader) === options;
  }
  return false;
}
