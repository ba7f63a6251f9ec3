import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { unwrapTS } from './string-parts.js';

/** The core's functions the rules read calls of. */
export type CoreFunction =
  | 'cacheFromSource'
  | 'sourceFromCache'
  | 'pythonTarget'
  | 'magicNumberFor'
  | 'versionForMagic'
  | 'parseCacheTag'
  | 'readPycHeader'
  | 'writePycHeader';

const CORE_FUNCTIONS: ReadonlySet<string> = new Set<CoreFunction>([
  'cacheFromSource',
  'sourceFromCache',
  'pythonTarget',
  'magicNumberFor',
  'versionForMagic',
  'parseCacheTag',
  'readPycHeader',
  'writePycHeader',
]);

const CORE_SOURCE = /^pycache-kit(?:\/|$)/;

/**
 * Which core function `call` calls, if any: a name imported from `pycache-kit` (also renamed, or through
 * `import * as pk`), or destructured from `require('pycache-kit')`. A local function that merely has the
 * same name is not the core's.
 */
export function coreFunctionOf(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): CoreFunction | undefined {
  const callee = unwrapTS(call.callee);
  // Most files never import the core: a name check first keeps scope lookups off every other call.
  const bound = pycacheKitBindings(sourceCode.ast);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (!bound.has(callee.name)) return undefined;
    const def = findVariable(sourceCode.getScope(call), callee)?.defs[0];
    if (!def) return undefined;
    if (
      def.type === 'ImportBinding' &&
      def.node.type === AST_NODE_TYPES.ImportSpecifier &&
      def.parent.type === AST_NODE_TYPES.ImportDeclaration &&
      CORE_SOURCE.test(def.parent.source.value)
    ) {
      const imported =
        def.node.imported.type === AST_NODE_TYPES.Identifier ? def.node.imported.name : def.node.imported.value;
      return CORE_FUNCTIONS.has(imported) ? (imported as CoreFunction) : undefined;
    }
    if (def.type === 'Variable' && isCoreRequire(def.node.init) && def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const prop of def.node.id.properties) {
        if (
          prop.type === AST_NODE_TYPES.Property &&
          prop.value.type === AST_NODE_TYPES.Identifier &&
          prop.value.name === callee.name &&
          prop.key.type === AST_NODE_TYPES.Identifier &&
          CORE_FUNCTIONS.has(prop.key.name)
        ) {
          return prop.key.name as CoreFunction;
        }
      }
    }
    return undefined;
  }
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    CORE_FUNCTIONS.has(callee.property.name) &&
    callee.object.type === AST_NODE_TYPES.Identifier
  ) {
    if (!bound.has(callee.object.name)) return undefined;
    const def = findVariable(sourceCode.getScope(call), callee.object)?.defs[0];
    if (!def) return undefined;
    const isNamespace =
      def.type === 'ImportBinding' &&
      def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier &&
      def.parent.type === AST_NODE_TYPES.ImportDeclaration &&
      CORE_SOURCE.test(def.parent.source.value);
    const isRequired =
      def.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && isCoreRequire(def.node.init);
    return isNamespace || isRequired ? (callee.property.name as CoreFunction) : undefined;
  }
  return undefined;
}

/** Whether the file binds anything from the core at its top level: without that, no call is the core's. */
export function importsCore(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return pycacheKitBindings(sourceCode.ast).size > 0;
}

const bindingsCache = new WeakMap<TSESTree.Program, ReadonlyMap<string, string>>();

/**
 * The local names a file binds at its top level to pycache-kit and its subpaths (imports, `require` results),
 * each with the module it came from. One walk per file serves the core's and the plugins' call checks.
 */
export function pycacheKitBindings(program: TSESTree.Program): ReadonlyMap<string, string> {
  let names = bindingsCache.get(program);
  if (names) return names;
  const found = new Map<string, string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && CORE_SOURCE.test(statement.source.value)) {
      for (const spec of statement.specifiers) found.set(spec.local.name, statement.source.value);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const module = requiredCoreModule(declarator.init);
        if (module === undefined) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) found.set(declarator.id.name, module);
        if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const prop of declarator.id.properties)
            if (prop.type === AST_NODE_TYPES.Property && prop.value.type === AST_NODE_TYPES.Identifier)
              found.set(prop.value.name, module);
        }
      }
    }
  }
  names = found;
  bindingsCache.set(program, names);
  return names;
}

function isCoreRequire(node: TSESTree.Node | null): boolean {
  return requiredCoreModule(node) !== undefined;
}

/** The module of `require('pycache-kit…')` (or `await` of it), or `undefined`. */
function requiredCoreModule(node: TSESTree.Node | null): string | undefined {
  if (node?.type === AST_NODE_TYPES.AwaitExpression) node = node.argument;
  if (
    node?.type !== AST_NODE_TYPES.CallExpression ||
    node.callee.type !== AST_NODE_TYPES.Identifier ||
    node.callee.name !== 'require'
  )
    return undefined;
  const [source] = node.arguments;
  return source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' && CORE_SOURCE.test(source.value)
    ? source.value
    : undefined;
}

/** The core function `node` is a direct argument of (past TypeScript wrappers such as `x as string`), if any. */
export function coreCallOfArgument(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): CoreFunction | undefined {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee === child) return undefined;
  return coreFunctionOf(parent, sourceCode);
}

/** True when `node` sits (at any depth within its expression) in the arguments of a call to one of `names`. */
export function isInsideCoreCall(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  names: ReadonlySet<CoreFunction>,
): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== child) {
      const fn = coreFunctionOf(parent, sourceCode);
      if (fn && names.has(fn)) return true;
    }
    if (isStatementLike(parent)) return false;
  }
  return false;
}

function isStatementLike(node: TSESTree.Node): boolean {
  return (
    node.type.endsWith('Statement') ||
    node.type.endsWith('Declaration') ||
    node.type === AST_NODE_TYPES.Program ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** The value node of a non-computed `key:` property in an object literal, or `undefined`. */
export function propertyValue(object: TSESTree.Node | undefined, key: string): TSESTree.Property | undefined {
  const n = object && unwrapTS(object);
  if (n?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const prop of n.properties) {
    if (prop.type !== AST_NODE_TYPES.Property || prop.computed) continue;
    const name =
      prop.key.type === AST_NODE_TYPES.Identifier
        ? prop.key.name
        : prop.key.type === AST_NODE_TYPES.Literal
          ? String(prop.key.value)
          : undefined;
    if (name === key) return prop;
  }
  return undefined;
}
