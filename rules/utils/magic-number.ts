import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { versionForMagic } from '../../src/index.js';
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
const HEX_STRING = /^(?:0x)?([0-9a-f]{2})[ :]?([0-9a-f]{2})[ :]?0d[ :]?0a$/i;
const ESCAPED_STRING = /^\\x([0-9a-f]{2})\\x([0-9a-f]{2})(?:\\r|\\x0d)(?:\\n|\\x0a)$/i;

/** The four header bytes `n.to_bytes(2, 'little') + b'\r\n'` of a CPython 3 release, or `undefined`. */
function magicOf(bytes: readonly number[]): MagicInfo | undefined {
  if (bytes.length !== 4 || bytes[2] !== 0x0d || bytes[3] !== 0x0a) return undefined;
  return versionForMagic(Uint8Array.from(bytes));
}

function byteLiterals(nodes: readonly (TSESTree.Node | null)[]): number[] | undefined {
  if (nodes.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const n of nodes) {
    if (n?.type !== AST_NODE_TYPES.Literal || typeof n.value !== 'number' || !Number.isInteger(n.value) || n.value < 0 || n.value > 255) return undefined;
    bytes.push(n.value);
  }
  return bytes;
}

function calleeName(callee: TSESTree.Node): { object?: string; name: string } | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return { name: callee.name };
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
    && callee.object.type === AST_NODE_TYPES.Identifier) {
    return { object: callee.object.name, name: callee.property.name };
  }
  return undefined;
}

/** Where an array literal of bytes ends up: `new Uint8Array([...])`, `Buffer.from([...])`, or a plain array. */
function arrayContainer(array: TSESTree.ArrayExpression): { node: TSESTree.Node; form: MagicForm } {
  const parent = array.parent;
  if ((parent.type === AST_NODE_TYPES.NewExpression || parent.type === AST_NODE_TYPES.CallExpression) && parent.arguments[0] === array && parent.arguments.length === 1) {
    const callee = calleeName(parent.callee);
    if (parent.type === AST_NODE_TYPES.NewExpression && callee && !callee.object && TYPED_ARRAYS.has(callee.name)) return { node: parent, form: 'typed-array' };
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
      if (callee?.name !== 'of' || !callee.object || !(TYPED_ARRAYS.has(callee.object) || callee.object === 'Array')) return;
      const bytes = byteLiterals(node.arguments);
      const info = bytes && magicOf(bytes);
      if (info) onHit({ node, info, form: callee.object === 'Array' ? 'array' : 'typed-array' });
    },
    Literal(node) {
      const hit = literalMagic(node);
      if (hit && isValuePosition(node)) onHit({ node, ...hit });
    },
  };
}

function literalMagic(node: TSESTree.Literal): { info: MagicInfo; form: MagicForm } | undefined {
  if (typeof node.value === 'string') {
    const value = node.value;
    if (value.length === 4 && node.raw.includes('\\')) {
      const bytes = [...value].map((c) => c.charCodeAt(0));
      const info = bytes.every((b) => b < 256) ? magicOf(bytes) : undefined;
      if (info) return { info, form: 'string' };
    }
    if (value.length < 8 || value.length > 18 || !/0d|\\/i.test(value)) return undefined;
    const hex = HEX_STRING.exec(value);
    const m = hex ?? ESCAPED_STRING.exec(value);
    const info = m ? magicOf([parseInt(m[1], 16), parseInt(m[2], 16), 0x0d, 0x0a]) : undefined;
    return info ? { info, form: hex ? 'hex-string' : 'string' } : undefined;
  }
  if (typeof node.value === 'number' && node.raw.length === 10 && /^0x[0-9a-f]{8}$/i.test(node.raw)) {
    const v = node.value;
    // The header read as a 32-bit integer, little-endian (0x0A0D0DCB) or big-endian (0xCB0D0D0A).
    const info = (v >>> 16) === 0x0a0d ? magicOf([v & 0xff, (v >>> 8) & 0xff, 0x0d, 0x0a])
      : (v & 0xffff) === 0x0d0a ? magicOf([v >>> 24, (v >>> 16) & 0xff, 0x0d, 0x0a]) : undefined;
    return info ? { info, form: 'number' } : undefined;
  }
  return undefined;
}

/** The version string `pythonTarget` needs for exactly this magic number, or `undefined` for prereleases. */
export function targetVersionFor(info: MagicInfo): string | undefined {
  if (!info.final) return undefined;
  return info.number === 3350 ? '3.5.1' : info.version;
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
