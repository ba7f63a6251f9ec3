// The least a webpack loader that turns a file into a JavaScript module of its text costs (the webpack bench's
// floor): the bytes read as UTF-8, one `export default` of the JSON string, and the module's syntax tree handed to
// webpack (`webpackAST`) so that it does not scan the long literal again, as pycache-kit's loader does. No
// decoding rules, named exports, manifest or emitted files.
module.exports = function floorLoader(content) {
  const text = content.toString('utf8');
  const code = `export default ${JSON.stringify(text)};\n`;
  const at = (start, end, fields) => ({
    start,
    end,
    range: [start, end],
    loc: { start: { line: 1, column: start }, end: { line: 1, column: end } },
    ...fields,
  });
  const literal = at(15, code.length - 2, { type: 'Literal', value: text, raw: code.slice(15, -2) });
  const declaration = at(0, code.length - 1, { type: 'ExportDefaultDeclaration', declaration: literal });
  const program = at(0, code.length, { type: 'Program', body: [declaration], sourceType: 'module', comments: [] });
  this.callback(null, code, undefined, { webpackAST: program });
};
module.exports.raw = true;
