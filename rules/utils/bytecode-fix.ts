import type { TSESLint } from '@typescript-eslint/utils';
import { pythonTarget, sourceFromCache } from '../../src/index.js';
import type { TaggedBytecodePath, LegacyBytecodePath } from './bytecode-path.js';
import { inExpressionPosition, quoteOf, replaceableNode, stringExpression, stringLiteral } from './code-text.js';
import { coreName, replaceWithCore } from './core-import.js';
import type { Root } from './string-roots.js';
import type { StringPart } from './string-parts.js';
import { DYNAMIC, partsText } from './string-parts.js';

/** A rewrite of a hard-coded bytecode path into a `cacheFromSource(...)` call. */
export interface BytecodeRewrite {
  /** The source path the call gets, as code (for the suggestion's description). */
  source: string;
  fix: TSESLint.ReportFixFunction;
}

/**
 * `cacheFromSource(<source>)` for a bytecode path in `__pycache__` (the source path is what the core's
 * `sourceFromCache` derives; `${}` parts are kept) or a legacy `mod.pyc` (the source is `mod.py`), with
 * `{ optimization }` for an `opt-` file, and the import added when missing. `undefined` when the source cannot
 * be derived from the code (a dynamic `__pycache__`, a path spread over dynamic `path.join` segments).
 */
export function bytecodeRewrite(
  root: Root,
  path: TaggedBytecodePath | LegacyBytecodePath,
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): BytecodeRewrite | undefined {
  const { sourceCode } = context;
  if (path.kind === 'tagged' && !path.inPycache) return undefined;
  const quote = quoteOf(
    root.kind === 'string' ? root.node : root.node.arguments[root.node.arguments.length - 1],
    sourceCode,
  );
  let argument: string;
  if (root.kind === 'string') {
    const parts = sourceParts(root.parts, path);
    if (!parts) return undefined;
    argument = stringExpression(parts, sourceCode, quote);
  } else {
    let k = root.segments.length;
    while (k > 0 && root.segments[k - 1]?.every((p) => typeof p === 'string')) k--;
    if (k === root.segments.length) return undefined;
    const tail = root.segments
      .slice(k)
      .map((s) => (s as string[]).join(''))
      .join(root.sep);
    const parts = sourceParts([tail], path);
    if (!parts || parts.length !== 1) return undefined;
    const head = root.node.arguments.slice(0, k).map((a) => sourceCode.getText(a));
    argument = `${sourceCode.getText(root.node.callee)}(${[...head, stringLiteral(parts[0] as string, quote)].join(', ')})`;
  }
  const options =
    path.kind === 'tagged' && path.optimization !== null
      ? `, { optimization: ${/^\d+$/.test(path.optimization) ? path.optimization : stringLiteral(path.optimization, quote)} }`
      : '';
  const name = coreName(context, 'cacheFromSource');
  const call = `${name.code}(${argument}${options})`;
  return {
    source: argument,
    fix: replaceWithCore(name, replaceableNode(root.node), inExpressionPosition(root.node, call)),
  };
}

/** The parts of the source path for a bytecode path built from `parts`, or `undefined` when they get lost. */
function sourceParts(
  parts: readonly StringPart[],
  path: TaggedBytecodePath | LegacyBytecodePath,
): StringPart[] | undefined {
  const text = partsText(parts);
  let source: string;
  if (path.kind === 'legacy') {
    source = text.slice(0, -1);
  } else {
    try {
      source = sourceFromCache(text, { target: pythonTarget({ platform: text.includes('\\') ? 'win32' : 'posix' }) });
    } catch {
      // A source name with dots (`b.c.py` -> `b.c.cpython-312.pyc`): source_from_cache cannot map it back,
      // so undo what cache_from_source did: drop `__pycache__/` and the tag part.
      const m = /^(.*[\\/]|)__pycache__[\\/]([^\\/]+)$/.exec(text);
      const suffix = `.${path.tag}${path.optimization === null ? '' : `.opt-${path.optimization}`}.pyc`;
      if (!m || !m[2].endsWith(suffix)) return undefined;
      source = m[1] + m[2].slice(0, -suffix.length) + '.py';
    }
  }
  const dynamic = parts.filter((p) => typeof p !== 'string');
  const pieces = source.split(DYNAMIC);
  if (pieces.length !== dynamic.length + 1) return undefined;
  const out: StringPart[] = [];
  pieces.forEach((piece, i) => {
    if (piece) out.push(piece);
    if (i < dynamic.length) out.push(dynamic[i]);
  });
  return out;
}
