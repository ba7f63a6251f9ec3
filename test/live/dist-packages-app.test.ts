// Real third-party packages (the system Python's dist-packages: PyYAML, pyparsing, six, toml, xmltodict, PyJWT,
// oauthlib, blinker; pure Python, as Pyodide runs them) in one app, built for real by the Vite plugin with what a
// page ships (entries: ['app'], stdlib, archive, pyodide, precompile), served over loopback HTTP and loaded with
// loadPython in Pyodide 3.14 in Node. Each package is exercised; the expected answers are those of the same
// Pyodide with its whole stdlib and the packages' files as they are, so a module the import graph or the stdlib
// pruning missed shows up as a different answer (ModuleNotFoundError, LookupError), and nothing may compile.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAndServePythonApp, runAppBesideWholeStdlib, type ServedPythonApp } from '../helpers/served-python-app.js';

const DIST = '/usr/lib/python3/dist-packages';
const PACKAGES = ['yaml', 'pyparsing', 'six.py', 'toml', 'xmltodict.py', 'jwt', 'oauthlib', 'blinker'];

/** The packages' `.py` files, by path under the root. */
function packageFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string) => {
    if (statSync(path).isFile()) {
      if (path.endsWith('.py')) out[relative(DIST, path)] = readFileSync(path, 'utf8');
      return;
    }
    for (const entry of readdirSync(path)) if (entry !== '__pycache__') walk(join(path, entry));
  };
  for (const name of PACKAGES) walk(join(DIST, name));
  return out;
}

const APP = `import blinker
import jwt
import pyparsing as pp
import six
import toml
import xmltodict
import yaml
from oauthlib import oauth1
from oauthlib.oauth2 import WebApplicationClient


def signal():
    got = []
    s = blinker.signal("x")
    s.connect(lambda sender, **kw: got.append((sender, kw)), weak=False)
    s.send("me", a=1)
    return got


def oauth():
    client = oauth1.Client("key", client_secret="s", timestamp="1", nonce="n")
    uri = WebApplicationClient("id").prepare_request_uri("https://x.test/a", redirect_uri="https://y.test/cb", state="s")
    return uri, client.sign("https://x.test/r")[1]["Authorization"]


def token():
    t = jwt.encode({"a": 1}, "secret", algorithm="HS256")
    return t, jwt.decode(t, "secret", algorithms=["HS256"])


def grammar():
    return (
        (pp.Word(pp.alphas) + pp.Word(pp.nums)).parse_string("abc 123").as_list(),
        pp.common.ipv4_address.parse_string("10.0.0.1").as_list(),
        pp.delimited_list(pp.common.number).parse_string("1, 2.5, 3e2").as_list(),
    )


def config():
    d = toml.loads('a = 1\\n[b]\\nc = "d"\\ne = 1979-05-27T07:32:00Z')
    return d["a"], d["b"]["c"], d["b"]["e"].isoformat(), toml.dumps({"x": {"y": [1, 2]}})


def documents():
    d = yaml.safe_load("a: [1, 2]\\nb: {c: d}\\nt: 2001-12-14t21:59:43.10-05:00")
    return yaml.safe_dump(d), yaml.dump({"x": 1.5, "y": [None, True]}), yaml.load("!!python/tuple [1, 2]", Loader=yaml.UnsafeLoader)


def xml():
    d = xmltodict.parse('<a x="1"><b>1</b><b>2</b></a>')
    return d, xmltodict.unparse(d, pretty=True)


def moves():
    return six.moves.urllib.parse.quote("a b"), list(six.iteritems({1: 2})), six.ensure_text(b"\\xc3\\xa9")


CALLS = [signal, oauth, token, grammar, config, documents, xml, moves]


def run():
    out = {}
    for call in CALLS:
        try:
            out[call.__name__] = repr(call())
        except Exception as e:
            out[call.__name__] = "%s: %s" % (type(e).__name__, e)
    return out
`;

const files = existsSync(DIST) ? { ...packageFiles(), 'app.py': APP } : undefined;
let served: ServedPythonApp;

beforeAll(async () => {
  if (!files) throw new Error(`${DIST} is missing: this test runs the system Python's third-party packages`);
  served = await buildAndServePythonApp('dist-packages', files);
}, 600_000);

afterAll(() => served?.close());

it(
  'runs eight real packages from a built page bundle as Pyodide with the whole stdlib does, compiling nothing',
  {
    timeout: 300_000,
  },
  async () => {
    const { built, whole } = await runAppBesideWholeStdlib(served, files ?? {});
    expect(Object.keys(whole.results)).toHaveLength(8);
    // The expected answers are the calls' results, not errors.
    for (const [name, answer] of Object.entries(whole.results)) expect(answer, name).not.toMatch(/^\w+Error: /);
    expect(built.results).toEqual(whole.results);
    expect(built.compiled).toEqual([]);
  },
);
