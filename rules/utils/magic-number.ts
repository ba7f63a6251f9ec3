import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { magicNumberFor, versionForMagic } from '../../src/index.js';
import type { MagicInfo } from '../../src/index.js';
import { isValuePosition } from './string-roots.js';

/** How a magic number is written, which decides the replacement that keeps its type. */
export type MagicForm = 'typed-array' | 'buffer' | 'array' | 'string' | 'hex-string' | 'number';

/** A magic number written out in code. */
export interface MagicHit {
  /** The whole expression to replace (`new Uint8Array([...])`, not just the array). */
  node: TSESTree.Node;
  info: MagicInfo;
  form: MagicForm;
}

const TYPED_ARRAYS = new Set(['Uint8Array', 'Uint8ClampedArray', 'Int8Array']);
// `cb0d0d0a`, `0xcb0d0d0a`, `cb 0d 0d 0a`, `cb:0d:0d:0a`, `0xcb, 0x0d, 0x0d, 0x0a`.
const HEX_STRING =
  /^(?:0x)?([0-9a-f]{2})(?:[ :]|, ?)?(?:0x)?([0-9a-f]{2})(?:[ :]|, ?)?(?:0x)?0d(?:[ :]|, ?)?(?:0x)?0a$/i;
// Python's repr of the bytes, with or without `b'…'`: `\xcb\r\r\n`, `o\r\r\n` (3.10), `b'\xa7\r\r\n'`.
const REPR_BYTE = String.raw`(\\x[0-9a-fA-F]{2}|\\[rnt\\'"]|[ -~])`;
const ESCAPED_STRING = new RegExp(String.raw`^(?:b(['"]))?${REPR_BYTE}${REPR_BYTE}(?:\\r|\\x0[dD])(?:\\n|\\x0[aA])\1$`);
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  r: 0x0d,
  n: 0x0a,
  t: 0x09,
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
};

/** One byte as Python's bytes repr writes it: `\xNN`, a simple escape, or a printable ASCII character. */
function reprByte(text: string): number {
  if (text.length === 1) return text.charCodeAt(0);
  return text[1] === 'x' ? parseInt(text.slice(2), 16) : SIMPLE_ESCAPES[text[1]];
}

/** The four header bytes `n.to_bytes(2, 'little') + b'\r\n'` of a CPython 3 release, or `undefined`. */
function magicOf(bytes: readonly number[]): MagicInfo | undefined {
  if (bytes.length !== 4 || bytes[2] !== 0x0d || bytes[3] !== 0x0a) return undefined;
  // The rules' messages speak of CPython releases: PyPy and GraalPy numbers (which versionForMagic knows too) are left alone.
  const info = versionForMagic(Uint8Array.from(bytes));
  return info?.implementation === 'cpython' ? info : undefined;
}

function byteLiterals(nodes: readonly (TSESTree.Node | null)[]): number[] | undefined {
  if (nodes.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const n of nodes) {
    if (
      n?.type !== AST_NODE_TYPES.Literal ||
      typeof n.value !== 'number' ||
      !Number.isInteger(n.value) ||
      n.value < 0 ||
      n.value > 255
    )
      return undefined;
    bytes.push(n.value);
  }
  return bytes;
}

function calleeName(callee: TSESTree.Node): { object?: string; name: string } | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return { name: callee.name };
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.object.type === AST_NODE_TYPES.Identifier
  ) {
    return { object: callee.object.name, name: callee.property.name };
  }
  return undefined;
}

/** Where an array literal of bytes ends up: `new Uint8Array([...])`, `Buffer.from([...])`, or a plain array. */
function arrayContainer(array: TSESTree.ArrayExpression): { node: TSESTree.Node; form: MagicForm } {
  const parent = array.parent;
  if (
    (parent.type === AST_NODE_TYPES.NewExpression || parent.type === AST_NODE_TYPES.CallExpression) &&
    parent.arguments[0] === array &&
    parent.arguments.length === 1
  ) {
    const callee = calleeName(parent.callee);
    if (parent.type === AST_NODE_TYPES.NewExpression && callee && !callee.object && TYPED_ARRAYS.has(callee.name))
      return { node: parent, form: 'typed-array' };
    if (parent.type === AST_NODE_TYPES.CallExpression && callee?.name === 'from') {
      if (callee.object === 'Buffer') return { node: parent, form: 'buffer' };
      if (callee.object && TYPED_ARRAYS.has(callee.object)) return { node: parent, form: 'typed-array' };
    }
  }
  return { node: array, form: 'array' };
}

/** A visitor that hands each magic number written in the code to `onHit`: byte arrays, typed arrays, strings, hex. */
export function magicVisitor(onHit: (hit: MagicHit) => void): TSESLint.RuleListener {
  return {
    ArrayExpression(node) {
      const bytes = byteLiterals(node.elements);
      const info = bytes && magicOf(bytes);
      if (info) onHit({ ...arrayContainer(node), info });
    },
    CallExpression(node) {
      // Only `X.of(...)` can hold a magic number: a cheap test before anything is allocated for the callee.
      if (node.callee.type !== AST_NODE_TYPES.MemberExpression || node.arguments.length !== 4) return;
      const callee = calleeName(node.callee);
      if (callee?.name !== 'of' || !callee.object || !(TYPED_ARRAYS.has(callee.object) || callee.object === 'Array'))
        return;
      const bytes = byteLiterals(node.arguments);
      const info = bytes && magicOf(bytes);
      if (info) onHit({ node, info, form: callee.object === 'Array' ? 'array' : 'typed-array' });
    },
    Literal(node) {
      const hit = literalMagic(node);
      if (hit && isValuePosition(node)) onHit({ node, ...hit });
    },
    TemplateLiteral(node) {
      const [quasi] = node.quasis;
      if (
        node.expressions.length > 0 ||
        quasi.value.cooked === null ||
        node.parent.type === AST_NODE_TYPES.TaggedTemplateExpression
      )
        return;
      const hit = stringMagic(quasi.value.cooked, quasi.value.raw.includes('\\'));
      if (hit && isValuePosition(node)) onHit({ node, ...hit });
    },
  };
}

function literalMagic(node: TSESTree.Literal): { info: MagicInfo; form: MagicForm } | undefined {
  if (typeof node.value === 'string') return stringMagic(node.value, node.raw.includes('\\'));
  if (typeof node.value === 'number' && node.raw.length === 10 && /^0x[0-9a-f]{8}$/i.test(node.raw)) {
    const v = node.value;
    // The header read as a 32-bit integer, little-endian (0x0A0D0DCB) or big-endian (0xCB0D0D0A).
    const info =
      v >>> 16 === 0x0a0d
        ? magicOf([v & 0xff, (v >>> 8) & 0xff, 0x0d, 0x0a])
        : (v & 0xffff) === 0x0d0a
          ? magicOf([v >>> 24, (v >>> 16) & 0xff, 0x0d, 0x0a])
          : undefined;
    return info ? { info, form: 'number' } : undefined;
  }
  return undefined;
}

/**
 * A magic number in a string's value: the four bytes themselves (written with escapes, `'\xcb\r\r\n'` in JS),
 * their hex digits, or Python's repr of them (`'\\xcb\\r\\r\\n'`, `"b'\\xa7\\r\\r\\n'"`).
 */
function stringMagic(value: string, escaped: boolean): { info: MagicInfo; form: MagicForm } | undefined {
  if (value.length === 4 && escaped) {
    const bytes = [...value].map((c) => c.charCodeAt(0));
    const info = bytes.every((b) => b < 256) ? magicOf(bytes) : undefined;
    if (info) return { info, form: 'string' };
  }
  // Cheapest tests first: every other form is 7 to 30 characters and spells 0d or \r.
  if (value.length < 7 || value.length > 30 || !/0d|\\r/i.test(value)) return undefined;
  const hex = HEX_STRING.exec(value);
  if (hex) {
    const info = magicOf([parseInt(hex[1], 16), parseInt(hex[2], 16), 0x0d, 0x0a]);
    return info ? { info, form: 'hex-string' } : undefined;
  }
  const repr = ESCAPED_STRING.exec(value);
  const info = repr ? magicOf([reprByte(repr[2]), reprByte(repr[3]), 0x0d, 0x0a]) : undefined;
  return info ? { info, form: 'string' } : undefined;
}

/**
 * The version string `pythonTarget` needs for exactly this magic number, or `undefined` for numbers no target
 * writes (earlier prereleases of a line). 3.15's newest number is still a release candidate's, but it is the one
 * `pythonTarget('3.15')` writes.
 */
export function targetVersionFor(info: MagicInfo): string | undefined {
  if (info.number === 3350) return '3.5.1';
  const m = magicNumberFor(info.version);
  return (m[0] | (m[1] << 8)) === info.number ? info.version : undefined;
}

/** Code for the magic number of `version` in the same form (`Uint8Array`, `Buffer`, array), or `undefined`. */
export function magicReplacement(form: MagicForm, targetCall: string): string | undefined {
  switch (form) {
    case 'typed-array':
      return `${targetCall}.magicNumber`;
    case 'buffer':
      return `Buffer.from(${targetCall}.magicNumber)`;
    case 'array':
      return `Array.from(${targetCall}.magicNumber)`;
    default:
      return undefined;
  }
}
