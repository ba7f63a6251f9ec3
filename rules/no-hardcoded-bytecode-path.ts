import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { coreCallOfArgument } from './utils/core-calls.js';
import { classifyBytecodePath, describeInterpreter, mayNameBytecode } from './utils/bytecode-path.js';
import type { BytecodeRewrite } from './utils/bytecode-fix.js';
import { bytecodeRewrite } from './utils/bytecode-fix.js';
import { builtPathRewrite, surgeryRewrite } from './utils/built-fix.js';
import { classifyBuiltPath, describeBuiltPath, shownParts } from './utils/built-path.js';
import { builtRootVisitor, mayBuildBytecodePath } from './utils/built-roots.js';
import { createRule } from './utils/create-rule.js';
import { allowMatcher } from './utils/allow.js';
import { configuredTarget } from './utils/settings.js';
import type { Surgery } from './utils/source-surgery.js';
import { describeSurgery, sourceSurgery } from './utils/source-surgery.js';
import { rootText, shownText, stringRootVisitor } from './utils/string-roots.js';
import { partsText, unwrapTS } from './utils/string-parts.js';

export type Options = [{ allow: string[] }];
export type MessageIds = 'hardcoded' | 'handBuilt' | 'handBuiltSource' | 'useCacheFromSource' | 'useSourceFromCache';

/** A report held until the whole file is read, so a path reported where it is used is not reported where its parts are. */
interface Finding {
  node: TSESTree.Node;
  /** `const` initialisers whose values the reported path was built from. */
  followed: readonly TSESTree.Node[];
  report: TSESLint.ReportDescriptor<MessageIds>;
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-bytecode-path',
  meta: {
    type: 'problem',
    docs: {
      description: 'disallow bytecode paths written out or built by hand, such as `__pycache__/mod.cpython-312.pyc`',
      recommended: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Regular expressions (as strings) for paths to leave alone; run-time parts read as `*`.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
    messages: {
      hardcoded:
        "'{{path}}' ties this code to {{interpreter}}: another Python version, optimization level or pycache_prefix names the bytecode file differently, and the path misses it. Compute it with cacheFromSource() from 'pycache-kit' for the interpreter you target.",
      handBuilt:
        "'{{path}}' is a bytecode path built by hand for {{interpreter}}, in {{layout}}: it knows {{misses}}. Compute it with cacheFromSource() from 'pycache-kit' for the target you mean.",
      handBuiltSource:
        "This is sourceFromCache() written by hand: string surgery on a bytecode path that assumes {{assumes}}. Call sourceFromCache() from 'pycache-kit' with the target you mean.",
      useCacheFromSource: 'Replace with cacheFromSource({{source}}).',
      useSourceFromCache: 'Replace with sourceFromCache({{source}}).',
    },
  },
  defaultOptions: [{ allow: [] }],
  create(context, [{ allow }]) {
    const { sourceCode } = context;
    const isAllowed = allowMatcher(allow);
    const findings: Finding[] = [];
    const written = stringRootVisitor(context, mayNameBytecode, (root) => {
      // A bytecode path given to the core (sourceFromCache, readPycHeader) is input, not a hard-coded output.
      if (coreCallOfArgument(root.node, sourceCode)) return;
      const text = rootText(root);
      const path = classifyBytecodePath(text);
      if (!path || path.kind === 'invalid' || isAllowed(text)) return;
      findings.push({
        node: root.node,
        followed: [],
        report: hardcoded(root.node, shownText(text), describeInterpreter(path), bytecodeRewrite(root, path, context)),
      });
    });
    const reportAll = (): void => {
      for (const f of findings) {
        const covered = findings.some(
          (g) =>
            g !== f &&
            (contains(g.node, f.node) || g.followed.some((init) => init === f.node || contains(init, f.node))),
        );
        if (!covered) context.report(f.report);
      }
    };
    // Most files never spell `pyc`: they get the check of written-out paths alone.
    if (!mayBuildBytecodePath(sourceCode)) return { ...written, 'Program:exit': reportAll };

    const reported = new Set<TSESTree.Node>();
    const built = builtRootVisitor(sourceCode, (node, { parts, followed }) => {
      if (findings.some((f) => f.node === node) || coreCallOfArgument(node, sourceCode)) return;
      const text = partsText(parts);
      if (!text.endsWith('.pyc') || isAllowed(text)) return;
      const path = classifyBuiltPath(parts);
      if (path) {
        const words = describeBuiltPath(path, sourceCode);
        const rewrite = builtPathRewrite(node, path, context);
        findings.push({
          node,
          followed,
          report: {
            node,
            messageId: 'handBuilt',
            data: { path: shownParts(parts, sourceCode), ...words },
            suggest: rewrite
              ? [{ messageId: 'useCacheFromSource', data: { source: rewrite.source }, fix: rewrite.fix }]
              : [],
          },
        });
        return;
      }
      // A file name written out whole, reached only through the consts the path is built from.
      const whole = followed.length > 0 ? classifyBytecodePath(text) : undefined;
      if (whole && whole.kind !== 'invalid')
        findings.push({
          node,
          followed,
          report: hardcoded(node, shownText(text), describeInterpreter(whole), undefined),
        });
    });
    const configured = configuredTarget(context);
    const target = configured.kind === 'ok' ? configured.spec : undefined;
    const checkSurgery = (call: TSESTree.CallExpression): void => {
      if (reported.has(call)) return;
      const chain = surgeryChain(call, sourceCode);
      if (chain.length === 0) return;
      const outer = chain[0];
      for (const s of chain) reported.add(s.node);
      const innermost = chain[chain.length - 1];
      const complete = chain.some((s) => s.dropsFolder) && chain.some((s) => s.dropsTag);
      const rewrite = complete ? surgeryRewrite(outer.node, innermost.receiver, target, context) : undefined;
      findings.push({
        node: outer.node,
        followed: [],
        report: {
          node: outer.node,
          messageId: 'handBuiltSource',
          data: { assumes: describeSurgery(chain) },
          suggest: rewrite
            ? [{ messageId: 'useSourceFromCache', data: { source: rewrite.source }, fix: rewrite.fix }]
            : [],
        },
      });
    };
    return {
      ...written,
      TemplateLiteral(node) {
        written.TemplateLiteral?.(node);
        built.TemplateLiteral?.(node);
      },
      BinaryExpression(node) {
        written.BinaryExpression?.(node);
        built.BinaryExpression?.(node);
      },
      CallExpression(node) {
        written.CallExpression?.(node);
        built.CallExpression?.(node);
        checkSurgery(node);
      },
      'Program:exit': reportAll,
    };
  },
});

function hardcoded(
  node: TSESTree.Node,
  path: string,
  interpreter: string,
  rewrite: BytecodeRewrite | undefined,
): TSESLint.ReportDescriptor<MessageIds> {
  return {
    node,
    messageId: 'hardcoded',
    data: { path, interpreter },
    suggest: rewrite ? [{ messageId: 'useCacheFromSource', data: { source: rewrite.source }, fix: rewrite.fix }] : [],
  };
}

/**
 * The string surgery chained at `call`, outermost first: `p.replace('/__pycache__/', '/').replace(/\.cpython-\d+\.pyc$/, '.py')`
 * gives both calls. Empty when `call` is no surgery, or a link inside a longer chain (the outermost call reports it).
 */
function surgeryChain(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): Surgery[] {
  const first = sourceSurgery(call, sourceCode);
  if (!first) return [];
  const chain = [first];
  for (let receiver = unwrapTS(first.receiver); receiver.type === AST_NODE_TYPES.CallExpression;) {
    const next = sourceSurgery(receiver, sourceCode);
    if (!next) break;
    chain.push(next);
    receiver = unwrapTS(next.receiver);
  }
  return chain;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer !== inner && outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
