import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

/** The package users import the core from. */
export const CORE_MODULE = 'pycache-kit';

/** How to refer to a core export in a file, and the fix that makes that name available. */
export interface CoreName {
  /** The expression to write (`cacheFromSource`, `pk.cacheFromSource`). */
  code: string;
  /** The fix that adds the import, or `null` when the file already has it. */
  fix: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null;
}

/**
 * How code in this file reaches the core's `name`: through an existing import from `pycache-kit` (named or
 * namespace), or by a fix that adds `name` to the existing import or inserts
 * `import { name } from 'pycache-kit';` after the last import (a `require()` after the last top-level `require()`
 * in files that load modules that way, and in CommonJS scripts).
 */
export function coreName(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, name: string): CoreName {
  const program = context.sourceCode.ast;
  const { sourceType } = context.languageOptions;
  const imports = program.body.filter(
    (s): s is TSESTree.ImportDeclaration => s.type === AST_NODE_TYPES.ImportDeclaration,
  );
  let extendable: TSESTree.ImportDeclaration | undefined;
  for (const decl of imports) {
    if (decl.source.value !== CORE_MODULE || decl.importKind === 'type') continue;
    for (const spec of decl.specifiers) {
      if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier)
        return { code: `${spec.local.name}.${name}`, fix: null };
      if (spec.type === AST_NODE_TYPES.ImportSpecifier && spec.importKind !== 'type' && importedName(spec) === name) {
        return { code: spec.local.name, fix: null };
      }
    }
    if (decl.specifiers.some((s) => s.type === AST_NODE_TYPES.ImportSpecifier)) extendable ??= decl;
  }
  const required = requiredName(program, name);
  if (required) return { code: required, fix: null };
  if (extendable) {
    const last = extendable.specifiers[extendable.specifiers.length - 1];
    return { code: name, fix: (fixer) => fixer.insertTextAfter(last, `, ${name}`) };
  }
  // A file that loads its modules with top-level require() and has no import gets a require() too, after them.
  const lastRequire = imports.length === 0 ? [...program.body].reverse().find(isRequireDeclaration) : undefined;
  const line =
    sourceType === 'script' || sourceType === 'commonjs' || program.sourceType === 'script' || lastRequire
      ? `const { ${name} } = require('${CORE_MODULE}');`
      : `import { ${name} } from '${CORE_MODULE}';`;
  const lastImport = imports[imports.length - 1] ?? lastRequire;
  if (lastImport) return { code: name, fix: (fixer) => fixer.insertTextAfter(lastImport, `\n${line}`) };
  // After any directives ('use strict'), which must stay first.
  const first = program.body.find((s) => !(s.type === AST_NODE_TYPES.ExpressionStatement && s.directive !== undefined));
  if (first) return { code: name, fix: (fixer) => fixer.insertTextBefore(first, `${line}\n`) };
  return { code: name, fix: (fixer) => fixer.insertTextAfterRange([0, 0], `${line}\n`) };
}

/** How a CommonJS file that did `const { name } = require('pycache-kit')` or `const pk = require(...)` reaches `name`. */
function requiredName(program: TSESTree.Program, name: string): string | undefined {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const { id, init } of statement.declarations) {
      if (
        init?.type !== AST_NODE_TYPES.CallExpression ||
        init.callee.type !== AST_NODE_TYPES.Identifier ||
        init.callee.name !== 'require'
      )
        continue;
      const [source] = init.arguments;
      if (source?.type !== AST_NODE_TYPES.Literal || source.value !== CORE_MODULE) continue;
      if (id.type === AST_NODE_TYPES.Identifier) return `${id.name}.${name}`;
      if (id.type !== AST_NODE_TYPES.ObjectPattern) continue;
      for (const prop of id.properties) {
        if (
          prop.type === AST_NODE_TYPES.Property &&
          !prop.computed &&
          prop.key.type === AST_NODE_TYPES.Identifier &&
          prop.key.name === name &&
          prop.value.type === AST_NODE_TYPES.Identifier
        ) {
          return prop.value.name;
        }
      }
    }
  }
  return undefined;
}

function isRequireDeclaration(statement: TSESTree.ProgramStatement): boolean {
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.some(
      ({ init }) =>
        init?.type === AST_NODE_TYPES.CallExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        init.callee.name === 'require',
    )
  );
}

function importedName(spec: TSESTree.ImportSpecifier): string {
  return spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
}

/** A fix that replaces `node` with `code` and adds the import `name` needs, if any. */
export function replaceWithCore(name: CoreName, node: TSESTree.Node, code: string): TSESLint.ReportFixFunction {
  return (fixer) => {
    const replace = fixer.replaceText(node, code);
    return name.fix ? [name.fix(fixer), replace] : replace;
  };
}
