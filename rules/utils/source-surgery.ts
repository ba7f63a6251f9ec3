import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { getStaticValue } from '@typescript-eslint/utils/ast-utils';
import { wordList } from './built-path.js';
import { unwrapTS } from './string-parts.js';

/** What one string operation on a bytecode path drops: the `__pycache__` folder, the cache tag, or both. */
export interface Surgery {
  /** The call (`p.replace(...)`, `p.split(...).join(...)`). */
  node: TSESTree.CallExpression;
  /** The string operated on. */
  receiver: TSESTree.Node;
  dropsFolder: boolean;
  dropsTag: boolean;
  /** The text the pattern matches, for the words of a report (regex source or the string). */
  pattern: string;
}

const TAG_WORDS = /cpython|pypy|graalpy|opt-/;

/**
 * A string operation that turns a bytecode path back into a source path: `replace`/`replaceAll` of
 * `/__pycache__/` (or `split('/__pycache__/').join('/')`), or of a pattern for the cache tag and `.pyc`
 * (`/\.cpython-\d+(\.opt-\d)?\.pyc$/` to `'.py'` or `''`). `undefined` for anything else, regexes that only test
 * included.
 */
export function sourceSurgery(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Surgery | undefined {
  const callee = unwrapTS(call.callee);
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.computed ||
    callee.property.type !== AST_NODE_TYPES.Identifier
  )
    return undefined;
  const method = callee.property.name;
  if (method === 'join') return splitJoin(call, callee, sourceCode);
  if ((method !== 'replace' && method !== 'replaceAll') || call.arguments.length !== 2) return undefined;
  const [patternNode, replacementNode] = call.arguments;
  const pattern = patternText(patternNode, sourceCode);
  if (pattern === undefined || !(pattern.includes('__pycache__') || pattern.includes('pyc'))) return undefined;
  const replacement = staticString(replacementNode, sourceCode);
  if (replacement === undefined || replacement.includes('__pycache__') || replacement.includes('.pyc'))
    return undefined;
  const dropsTag =
    TAG_WORDS.test(pattern) && /\.pyc/.test(pattern) && /^(?:\$\d|\$<\w+>)*(?:\.pyw?)?$/.test(replacement);
  // Dropping the folder leaves a separator or a captured group; a replacement with words of its own relabels it.
  const dropsFolder = pattern.includes('__pycache__') && (dropsTag || /^(?:[/\\]|\$\d|\$<\w+>)*$/.test(replacement));
  if (!dropsFolder && !dropsTag) return undefined;
  return { node: call, receiver: callee.object, dropsFolder, dropsTag, pattern };
}

/** `p.split('/__pycache__/').join('/')`. */
function splitJoin(
  call: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Surgery | undefined {
  const split = unwrapTS(callee.object);
  if (split.type !== AST_NODE_TYPES.CallExpression || split.arguments.length !== 1 || call.arguments.length !== 1)
    return undefined;
  const splitCallee = unwrapTS(split.callee);
  if (
    splitCallee.type !== AST_NODE_TYPES.MemberExpression ||
    splitCallee.computed ||
    splitCallee.property.type !== AST_NODE_TYPES.Identifier ||
    splitCallee.property.name !== 'split'
  )
    return undefined;
  const pattern = patternText(split.arguments[0], sourceCode);
  const glue = staticString(call.arguments[0], sourceCode);
  if (pattern === undefined || glue === undefined || !pattern.includes('__pycache__') || !/^[/\\]*$/.test(glue))
    return undefined;
  return { node: call, receiver: splitCallee.object, dropsFolder: true, dropsTag: false, pattern };
}

/** A regex's source with `\/` and `\.` read as the characters, or a static string. */
function patternText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const n = unwrapTS(node);
  if (n.type === AST_NODE_TYPES.Literal && 'regex' in n && n.regex) return n.regex.pattern.replace(/\\([/.])/g, '$1');
  if (
    n.type === AST_NODE_TYPES.NewExpression &&
    n.callee.type === AST_NODE_TYPES.Identifier &&
    n.callee.name === 'RegExp' &&
    n.arguments[0]
  ) {
    const source = staticString(n.arguments[0], sourceCode);
    return source?.replace(/\\([/.])/g, '$1');
  }
  return staticString(n, sourceCode);
}

function staticString(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const n = unwrapTS(node);
  if (n.type === AST_NODE_TYPES.Literal) return typeof n.value === 'string' ? n.value : undefined;
  const value = getStaticValue(n, sourceCode.getScope(n));
  return typeof value?.value === 'string' ? value.value : undefined;
}

/** The words a report uses for what string surgery on a bytecode path assumes. */
export function describeSurgery(surgeries: readonly Surgery[]): string {
  const assumes: string[] = [];
  if (surgeries.some((s) => s.dropsFolder)) assumes.push('the file sits in __pycache__ (no sys.pycache_prefix)');
  const tagPatterns = surgeries.filter((s) => s.dropsTag).map((s) => s.pattern);
  if (tagPatterns.length > 0) {
    const all = tagPatterns.join(' ');
    const names = [
      ['cpython', 'CPython'],
      ['pypy', 'PyPy'],
      ['graalpy', 'GraalPy'],
    ]
      .filter(([word]) => all.includes(word))
      .map(([, name]) => name);
    if (names.length > 0 && names.length < 3) assumes.push(`the cache tag is ${names.join(' or ')}'s`);
    if (!all.includes('opt')) assumes.push('no .opt-N level');
  }
  return wordList(assumes);
}
