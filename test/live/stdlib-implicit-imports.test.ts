// `stdlib: true` keeps what the interpreter and the stdlib import by names no source spells: every codec module
// (`codecs.lookup` imports `encodings.<name>` for whatever name a call gives: zipfile decodes file names with
// cp437, `http.client` encodes hosts with idna), `_strptime` (imported by `time.strptime`'s C code), `_pylong`
// (imported by the C code of large int conversions), `xml.sax`'s parser and `xml.dom`'s implementation (imported
// with `__import__` of listed names), `sysconfig`'s computed `_sysconfigdata_*`. A real Vite build (entries,
// stdlib, archive, pyodide, precompile) served over loopback HTTP and loaded with loadPython in Pyodide 3.14 in
// Node runs each call; the expected answers are those of the same Pyodide with its whole stdlib. Before, 16 of
// these calls raised LookupError, ModuleNotFoundError or ImportError in the built app.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildAndServePythonApp, runAppBesideWholeStdlib, type ServedPythonApp } from '../helpers/served-python-app.js';

const APP = `import codecs
import datetime
import io
import json
import sys
import time
import xml.dom
import xml.sax
import zipfile


def zip_names():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.txt", "hi")
    return zipfile.ZipFile(out).namelist()


def big_int():
    sys.set_int_max_str_digits(0)
    return len(str(10**200000)), int("7" * 100000) % 10


def sax_parser():
    return type(xml.sax.make_parser()).__module__


def dom_implementation():
    return type(xml.dom.getDOMImplementation()).__module__


def config_var():
    import sysconfig
    return sysconfig.get_config_var("EXT_SUFFIX")


CALLS = {
    "time.strptime": lambda: time.strptime("2024-01-02", "%Y-%m-%d").tm_yday,
    "datetime.strptime": lambda: datetime.datetime.strptime("2024-03", "%Y-%m").month,
    "zipfile names (cp437)": zip_names,
    "idna": lambda: "bücher.example".encode("idna"),
    "cp1252": lambda: "é€".encode("cp1252"),
    "iso8859-15": lambda: b"\\xa4".decode("iso8859-15"),
    "cp437": lambda: b"\\x82".decode("cp437"),
    "shift_jis": lambda: "あ".encode("shift_jis"),
    "utf-16-le": lambda: "x".encode("utf-16-le"),
    "unicode_escape": lambda: b"\\\\u00e9".decode("unicode_escape"),
    "raw_unicode_escape": lambda: "é".encode("raw_unicode_escape"),
    "punycode": lambda: "ü".encode("punycode"),
    "hex": lambda: codecs.encode(b"x", "hex"),
    "base64": lambda: codecs.encode(b"x", "base64"),
    "rot13": lambda: codecs.encode("abc", "rot13"),
    "no such codec": lambda: b"x".decode("no-such-codec"),
    "large int": big_int,
    "xml.sax.make_parser": sax_parser,
    "xml.dom.getDOMImplementation": dom_implementation,
    "sysconfig": config_var,
    "json error": lambda: json.loads("{"),
}


def run():
    out = {}
    for name, call in CALLS.items():
        try:
            out[name] = repr(call())
        except Exception as e:
            out[name] = "%s: %s" % (type(e).__name__, e)
    return out
`;

let served: ServedPythonApp;

beforeAll(async () => {
  served = await buildAndServePythonApp('stdlib-implicit-imports', { 'app.py': APP });
}, 600_000);

afterAll(() => served?.close());

it(
  'runs calls whose imports no source names, as Pyodide with its whole stdlib does, compiling nothing',
  {
    timeout: 300_000,
  },
  async () => {
    const { built, whole } = await runAppBesideWholeStdlib(served, { 'app.py': APP });
    expect(Object.keys(built.results)).toHaveLength(21);
    expect(built.results).toEqual(whole.results);
    // Controls: the expected answers are the calls' real results, not errors (but the unknown codec's).
    expect(whole.results['zipfile names (cp437)']).toBe("['a.txt']");
    expect(whole.results['no such codec']).toBe('LookupError: unknown encoding: no-such-codec');
    expect(whole.results['large int']).toBe('(200001, 7)');
    expect(built.compiled).toEqual([]);
  },
);
