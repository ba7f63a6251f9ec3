import type { PythonTarget } from '../../src/light.js';
import { runPythonJson } from '../../src/pyodide/run-python.js';

/** One import a source file makes, as the target interpreter's own `ast` sees it. */
export interface ImportStatement {
  /**
   * `'import'` (`import a.b.c`), `'from'` (`from X import n`), `'dynamic'` (`importlib.import_module('lit', package)`
   * or `__import__('lit')`).
   */
  readonly kind: 'import' | 'from' | 'dynamic';
  /** The dotted name as written (`''` for `from . import x`). */
  readonly module: string;
  /** `from`: the imported names (`['*']` for a star import). */
  readonly names: readonly string[];
  /** Relative level: 0 absolute, 1 for `.`, 2 for `..`… */
  readonly level: number;
  /** `import_module(name, package)`: the literal package, or `'__package__'`/`'__name__'` for those names; else null. */
  readonly package: string | null;
  /** 1-based line of the statement. */
  readonly line: number;
  /** Inside a `try` that catches `ImportError` (or broader), its handlers or its `else`, or under `if TYPE_CHECKING:`. */
  readonly optional: boolean;
  /** A PEP 810 `lazy import` (3.15+). */
  readonly lazy: boolean;
  /** In a function's (or lambda's) body: it runs when that is called, not when the file is imported. */
  readonly deferred: boolean;
  /**
   * Only under `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`), under `if __name__ == '__main__':`, or in the branch
   * of a `sys.platform` / `os.name` test that the target's platform does not take (`if sys.platform == 'win32':`
   * in Pyodide): it never runs when the file is imported on the target (it is still `optional` when under
   * `TYPE_CHECKING`).
   */
  readonly unreached: boolean;
}

/** What one file's parse gave. */
export interface ParsedImports {
  readonly imports: readonly ImportStatement[];
  /** A literal top-level `__all__` (names), else null; a star import from a package pulls its listed submodules. */
  readonly all: readonly string[] | null;
}

/** A source the target's parser refuses. */
export class ImportParseError extends Error {
  override name = 'ImportParseError';
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, message: string, line?: number) {
    super(message);
    this.file = file;
    this.line = line;
  }
}

// Runs in the target's interpreter. `ast.parse` of the raw bytes honours coding cookies and BOMs as the import
// system does, and parses exactly the grammar of that Python (3.15's `lazy import` included).
const WALK_PY = `
import ast, os, sys
BROAD = {'ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException'}

def _name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None

def _catches_import_error(handlers):
    for handler in handlers:
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if any(_name(t) in BROAD for t in types):
            return True
    return False

def _is_main_test(test):
    # \`__name__ == '__main__'\` (either way round): true only when the file runs as a script.
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    return any(isinstance(s, ast.Name) and s.id == '__name__' for s in sides) and any(
        _literal(s) == '__main__' for s in sides)

# This interpreter is the target: \`sys.platform\` and \`os.name\` tests are decided as they will be when it runs.
_PLATFORM = {('sys', 'platform'): sys.platform, ('_sys', 'platform'): sys.platform,
             ('os', 'name'): os.name, ('_os', 'name'): os.name}

def _platform_value(node):
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return _PLATFORM.get((node.value.id, node.attr))
    return None

def _strings(node):
    if _literal(node) is not None:
        return (_literal(node),)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and all(_literal(e) is not None for e in node.elts):
        return tuple(_literal(e) for e in node.elts)
    return None

def _platform_test(test):
    # True or False for \`sys.platform == 'win32'\`, \`os.name != 'nt'\`, \`sys.platform in (...)\`,
    # \`sys.platform.startswith('win')\`, \`not ...\` of those; None for anything else.
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _platform_test(test.operand)
        return None if inner is None else not inner
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        value, strings, op = _platform_value(test.left), _strings(test.comparators[0]), test.ops[0]
        if value is None or strings is None:
            return None
        if isinstance(op, ast.Eq) and len(strings) == 1:
            return value == strings[0]
        if isinstance(op, ast.NotEq) and len(strings) == 1:
            return value != strings[0]
        if isinstance(op, ast.In):
            return value in strings
        if isinstance(op, ast.NotIn):
            return value not in strings
        return None
    if (isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr == 'startswith'
            and len(test.args) == 1 and not test.keywords):
        value, strings = _platform_value(test.func.value), _strings(test.args[0])
        if value is not None and strings is not None:
            return value.startswith(strings)
    return None

def _literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None

class Walker(ast.NodeVisitor):
    def __init__(self):
        self.optional = 0
        self.unreached = 0
        self.deferred = 0
        self.imports = []
        self.all = None

    def add(self, node, kind, module, names, level, package=None):
        self.imports.append({'kind': kind, 'module': module, 'names': names, 'level': level, 'package': package,
                             'line': node.lineno, 'optional': self.optional > 0,
                             'lazy': bool(getattr(node, 'is_lazy', 0)), 'unreached': self.unreached > 0,
                             'deferred': self.deferred > 0})

    def visit_Import(self, node):
        for alias in node.names:
            self.add(node, 'import', alias.name, [], 0)

    def visit_ImportFrom(self, node):
        self.add(node, 'from', node.module or '', [a.name for a in node.names], node.level or 0)

    def visit_Try(self, node):
        guarded = _catches_import_error(node.handlers)
        self.optional += guarded
        for child in node.body + node.handlers + node.orelse:
            self.visit(child)
        self.optional -= guarded
        for child in node.finalbody:
            self.visit(child)

    visit_TryStar = visit_Try

    def visit_FunctionDef(self, node):
        for child in node.decorator_list + [node.args] + ([node.returns] if node.returns else []):
            self.visit(child)
        self.deferred += 1
        for child in node.body:
            self.visit(child)
        self.deferred -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self.visit(node.args)
        self.deferred += 1
        self.visit(node.body)
        self.deferred -= 1

    def visit_If(self, node):
        typing_only = _name(node.test) == 'TYPE_CHECKING'
        platform = _platform_test(node.test)
        never = typing_only or _is_main_test(node.test) or platform is False
        self.optional += typing_only
        self.unreached += never
        for child in node.body:
            self.visit(child)
        self.optional -= typing_only
        self.unreached -= never
        self.visit(node.test)
        self.unreached += platform is True
        for child in node.orelse:
            self.visit(child)
        self.unreached -= platform is True

    def visit_Call(self, node):
        func = _name(node.func)
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        first = _literal(node.args[0]) if node.args else _literal(keywords.get('name'))
        if func == 'import_module' and first:
            pkg = node.args[1] if len(node.args) > 1 else keywords.get('package')
            package = _literal(pkg) if pkg is not None else None
            if package is None and isinstance(pkg, ast.Name) and pkg.id in ('__package__', '__name__'):
                package = pkg.id
            level = len(first) - len(first.lstrip('.'))
            self.add(node, 'dynamic', first[level:], [], level, package)
        elif func == '__import__' and isinstance(node.func, ast.Name) and first:
            lvl = node.args[4] if len(node.args) > 4 else keywords.get('level')
            level = lvl.value if isinstance(lvl, ast.Constant) and isinstance(lvl.value, int) else 0
            self.add(node, 'dynamic', first, [], level, '__package__' if level else None)
        self.generic_visit(node)

    def visit_Module(self, node):
        for stmt in node.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == '__all__' for t in stmt.targets):
                if isinstance(stmt.value, (ast.List, ast.Tuple)) and self.all is None:
                    names = [_literal(e) for e in stmt.value.elts]
                    if all(n is not None for n in names):
                        self.all = names
        self.generic_visit(node)

out = {}
for key, path in ARG:
    with open(path, 'rb') as f:
        data = f.read()
    try:
        tree = ast.parse(data, filename=key)
    except (SyntaxError, ValueError) as exc:
        out[key] = {'error': '%s: %s' % (type(exc).__name__, getattr(exc, 'msg', exc)), 'line': getattr(exc, 'lineno', None)}
        continue
    walker = Walker()
    walker.visit(tree)
    out[key] = {'imports': walker.imports, 'all': walker.all}
result = out
`;

let runs = 0;

/**
 * Parses each source (key, its absolute path, → raw bytes) with the target's own `ast` in its Pyodide (the interpreter `precompile`
 * uses, loaded once per process) and returns every import it makes. Throws {@link ImportParseError} for the first
 * source that does not parse, naming it (its key) and the line.
 */
export async function parseImports(
  files: ReadonlyMap<string, Uint8Array>,
  target: PythonTarget,
  projectRoot: string,
): Promise<Map<string, ParsedImports>> {
  const result = new Map<string, ParsedImports>();
  if (files.size === 0) return result;
  const pyodide = await targetInterpreter(target, projectRoot);
  const scratch = `/tmp/pycache-kit-imports/${++runs}`;
  const jobs: [string, string][] = [];
  let n = 0;
  for (const [key, bytes] of files) {
    const path = `${scratch}/${n++}.py`;
    pyodide.FS.mkdirTree(scratch);
    pyodide.FS.writeFile(path, bytes);
    jobs.push([key, path]);
  }
  try {
    const answers = runPythonJson<Record<string, ParsedImports | { error: string; line: number | null }>>(
      pyodide,
      WALK_PY,
      jobs,
    );
    for (const [key] of jobs) {
      const answer = answers[key];
      if ('error' in answer) {
        throw new ImportParseError(
          key,
          `pycache: ${key}${answer.line ? `:${answer.line}` : ''}: ${answer.error} (Python ${target.version})`,
          answer.line ?? undefined,
        );
      }
      result.set(key, answer);
    }
    return result;
  } finally {
    runPythonJson(pyodide, 'import shutil\nshutil.rmtree(ARG, ignore_errors=True)\nresult = None', scratch);
  }
}

/**
 * Which of `names` (top-level module names outside the roots) the target interpreter can import: in
 * `sys.stdlib_module_names`, or found by `importlib.util.find_spec` in its Pyodide (built-ins such as `js`).
 */
export async function knownExternalModules(
  names: readonly string[],
  target: PythonTarget,
  projectRoot: string,
): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const pyodide = await targetInterpreter(target, projectRoot);
  const known = runPythonJson<string[]>(
    pyodide,
    `
import sys, importlib.util
def _known(name):
    if name in sys.stdlib_module_names or name in sys.builtin_module_names:
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except Exception:
        return False
result = [n for n in ARG if _known(n)]
`,
    names,
  );
  return new Set(known);
}

/**
 * The target's interpreter, shared with `precompile` (loaded once per process). No installed Pyodide for the
 * target is a `PyodideNotFoundError` saying that the `entries` option needs one.
 */
async function targetInterpreter(target: PythonTarget, projectRoot: string) {
  const { findPyodide, PyodideNotFoundError } = await import('../precompile/find-pyodide.js');
  const { loadCompilerPyodide } = await import('../precompile/load-pyodide.js');
  let pkg;
  try {
    pkg = findPyodide(target, projectRoot);
  } catch (error) {
    if (!(error instanceof PyodideNotFoundError)) throw error;
    throw new PyodideNotFoundError(
      `pycache: the "entries" option parses Python with the target's own interpreter. ${error.message}`,
    );
  }
  return loadCompilerPyodide(pkg);
}
