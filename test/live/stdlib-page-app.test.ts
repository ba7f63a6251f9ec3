// What a page built with `stdlib: true` can run: one app, built for real by the Vite plugin with what a page ships
// (entries: ['app'], stdlib, archive, pyodide, precompile), served over loopback HTTP and loaded with loadPython in
// Pyodide 3.14 in Node. The expected answers are those of the same Pyodide with its whole stdlib and the app's
// files as they are, so a module the import graph or the stdlib pruning missed shows up as a different answer
// (ModuleNotFoundError, LookupError); nothing may compile in the page. One build for two sets of calls:
// - `calls`: 21 calls whose imports no source spells, which the archive keeps (plugins/common/stdlib-implicit.ts):
//   codec lookups (zipfile decodes file names with cp437, `http.client` encodes hosts with idna), `_strptime`
//   (imported by `time.strptime`'s C code), `_pylong` (by the C code of large int conversions), `xml.sax`'s parser
//   and `xml.dom`'s implementation (`__import__` of listed names), `sysconfig`'s computed `_sysconfigdata_*`; 16 of
//   them raised LookupError, ModuleNotFoundError or ImportError in the built app before. Then 50 calls of ordinary
//   stdlib use (argparse to zoneinfo, one module family each: what the closure's walk must keep).
// - `packages_app`: eight real third-party packages from the system Python's dist-packages (PyYAML, pyparsing,
//   six, toml, xmltodict, PyJWT, oauthlib, blinker; pure Python, as Pyodide runs them), each exercised.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildAndServePythonApp,
  runAppBesideWholeStdlib,
  type AppRun,
  type ServedPythonApp,
} from '../helpers/served-python-app.js';

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

/** Calls whose imports no source names, and ordinary stdlib use: module `calls`. */
const CALLS = `import codecs
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


# Ordinary stdlib use, one module family each: what the closure's walk must keep.

def stdlib_0():
    import argparse
    p = argparse.ArgumentParser(prog='x')
    p.add_argument('--n', type=int)
    r = p.parse_args(['--n', '3']).n
    p.format_help()
    return r

CALLS['argparse'] = stdlib_0

def stdlib_1():
    import logging.config, io
    logging.config.dictConfig({'version': 1, 'handlers': {'h': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout'}}, 'root': {'handlers': ['h']}})
    r = 1
    return r

CALLS['logging.config'] = stdlib_1

def stdlib_2():
    import logging.handlers
    r = logging.handlers.MemoryHandler(10).capacity
    return r

CALLS['logging.handlers'] = stdlib_2

def stdlib_3():
    import dataclasses
    D = dataclasses.make_dataclass('D', [('a', int)])
    r = repr(D(1))
    return r

CALLS['dataclasses'] = stdlib_3

def stdlib_4():
    import typing
    r = typing.get_type_hints(lambda x: 0)
    return r

CALLS['typing'] = stdlib_4

def stdlib_5():
    import enum
    r = list(enum.Enum('E', 'A B'))
    return r

CALLS['enum'] = stdlib_5

def stdlib_6():
    import statistics
    r = statistics.median([1, 3, 2]), statistics.NormalDist(0, 1).cdf(0)
    return r

CALLS['statistics'] = stdlib_6

def stdlib_7():
    import fractions
    r = fractions.Fraction('1/3') + 1
    return r

CALLS['fractions'] = stdlib_7

def stdlib_8():
    import decimal
    r = decimal.Decimal('1.10').quantize(decimal.Decimal('0.1'))
    return r

CALLS['decimal'] = stdlib_8

def stdlib_9():
    import hashlib, hmac, secrets
    r = hashlib.sha256(b'x').hexdigest(), hmac.new(b'k', b'm', 'sha256').hexdigest(), len(secrets.token_hex(4))
    return r

CALLS['hashlib'] = stdlib_9

def stdlib_10():
    import uuid
    r = uuid.UUID(int=5).hex, uuid.uuid5(uuid.NAMESPACE_DNS, 'x')
    return r

CALLS['uuid'] = stdlib_10

def stdlib_11():
    import urllib.parse, urllib.request
    r = urllib.parse.urlsplit('http://a/b?c=1'), urllib.request.pathname2url('/a b')
    return r

CALLS['urllib'] = stdlib_11

def stdlib_12():
    import html, html.parser
    p = html.parser.HTMLParser()
    p.feed('<a href=x>&amp;</a>')
    r = html.escape('<')
    return r

CALLS['html'] = stdlib_12

def stdlib_13():
    import email, email.utils, email.mime.text, email.header
    m = email.mime.text.MIMEText('héllo', 'plain', 'utf-8')
    r = m.as_string()[:80], email.utils.parseaddr('A <a@b>'), str(email.header.make_header(email.header.decode_header('=?iso-8859-1?q?caf=E9?=')))
    return r

CALLS['email'] = stdlib_13

def stdlib_14():
    import email
    r = email.message_from_string('Content-Type: text/plain; charset=koi8-r\\n\\n\\xe1').get_payload(decode=True)
    return r

CALLS['email.parser'] = stdlib_14

def stdlib_15():
    import csv, io
    r = list(csv.reader(io.StringIO('a,b\\n1,2')))
    return r

CALLS['csv'] = stdlib_15

def stdlib_16():
    import json
    r = json.dumps({'a': [1, 2.5, None]}, indent=1, sort_keys=True)
    return r

CALLS['json'] = stdlib_16

def stdlib_17():
    import tomllib
    r = tomllib.loads('a = 1')
    return r

CALLS['tomllib'] = stdlib_17

def stdlib_18():
    import textwrap, difflib, pprint, string
    r = textwrap.fill('a ' * 30, 20), list(difflib.unified_diff(['a'], ['b'])), pprint.pformat(list(range(30))), string.Template('$a').substitute(a=1)
    return r

CALLS['textwrap'] = stdlib_18

def stdlib_19():
    import pathlib, tempfile, shutil, glob, fnmatch, os
    d = tempfile.mkdtemp()
    pathlib.Path(d, 'x.txt').write_text('é', encoding='latin-1')
    r = sorted(os.path.basename(p) for p in glob.glob(d + '/*')), pathlib.Path(d, 'x.txt').read_bytes()
    shutil.rmtree(d)
    return r

CALLS['pathlib'] = stdlib_19

def stdlib_20():
    import tarfile, io
    b = io.BytesIO()
    t = tarfile.open(fileobj=b, mode='w:bz2')
    t.close()
    r = len(b.getvalue()) > 0
    return r

CALLS['tarfile'] = stdlib_20

def stdlib_21():
    import lzma
    r = lzma.decompress(lzma.compress(b'x'))
    return r

CALLS['lzma'] = stdlib_21

def stdlib_22():
    import gzip, zlib, bz2, base64, binascii
    r = gzip.decompress(gzip.compress(b'x')), bz2.decompress(bz2.compress(b'y')), base64.b85encode(b'z'), binascii.hexlify(b'a')
    return r

CALLS['gzip'] = stdlib_22

def stdlib_23():
    import zipfile, io
    b = io.BytesIO()
    z = zipfile.ZipFile(b, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('é.txt', 'x')
    z.close()
    r = zipfile.ZipFile(b).namelist()
    return r

CALLS['zipfile-utf8'] = stdlib_23

def stdlib_24():
    import calendar, locale, gettext
    r = calendar.month(2024, 2), gettext.gettext('x'), locale.format_string('%d', 1000, grouping=True)
    return r

CALLS['calendar'] = stdlib_24

def stdlib_25():
    import zoneinfo
    r = sorted(zoneinfo.available_timezones())[:2]
    return r

CALLS['zoneinfo'] = stdlib_25

def stdlib_26():
    import inspect, ast, dis, tokenize, io
    r = str(inspect.signature(lambda a, *b, c=1: 0)), ast.dump(ast.parse('x=1'))[:40], len(list(tokenize.generate_tokens(io.StringIO('x = 1').readline)))
    return r

CALLS['inspect'] = stdlib_26

def stdlib_27():
    import traceback
    try:
        1/0
    except ZeroDivisionError:
        r = traceback.format_exc().splitlines()[-1]
    return r

CALLS['traceback'] = stdlib_27

def stdlib_28():
    import asyncio
    async def f():
        await asyncio.sleep(0)
        return 3
    r = asyncio.run(f()) if False else asyncio.iscoroutinefunction(f)
    return r

CALLS['asyncio'] = stdlib_28

def stdlib_29():
    import concurrent.futures
    r = concurrent.futures.ThreadPoolExecutor is not None
    return r

CALLS['concurrent'] = stdlib_29

def stdlib_30():
    import pickle, copy, collections, datetime, fractions
    o = [collections.OrderedDict(a=1), datetime.date(2024, 1, 2), fractions.Fraction(1, 3), collections.Counter('aab')]
    r = pickle.loads(pickle.dumps(o)) == o, copy.deepcopy(o) == o
    return r

CALLS['pickle'] = stdlib_30

def stdlib_31():
    import xml.etree.ElementTree as ET, xml.dom.minidom
    r = ET.tostring(ET.fromstring('<a><b c="1"/></a>')), xml.dom.minidom.parseString('<a/>').toprettyxml()
    return r

CALLS['xml'] = stdlib_31

def stdlib_32():
    import xml.etree.ElementTree as ET
    r = ET.fromstring(b'<?xml version="1.0" encoding="windows-1252"?><a>\\x80</a>').text
    return r

CALLS['xml-latin1'] = stdlib_32

def stdlib_33():
    import mimetypes
    r = mimetypes.guess_type('a.json'), mimetypes.guess_extension('text/html')
    return r

CALLS['mimetypes'] = stdlib_33

def stdlib_34():
    import http.cookies, http.client, http
    c = http.cookies.SimpleCookie()
    c['a'] = 'b'
    r = c.output(), http.HTTPStatus(404).phrase
    return r

CALLS['http'] = stdlib_34

def stdlib_35():
    import shlex, heapq, bisect, itertools, functools, operator
    r = shlex.split('a "b c"'), heapq.nsmallest(2, [3, 1, 2]), bisect.bisect([1, 3], 2)
    return r

CALLS['shlex'] = stdlib_35

def stdlib_36():
    import random
    r = random.Random(4).sample(range(10), 3), random.Random(1).choices('abc', k=2)
    return r

CALLS['random'] = stdlib_36

def stdlib_37():
    import sqlite3
    r = 1
    return r

CALLS['sqlite3'] = stdlib_37

def stdlib_38():
    import wsgiref.util, wsgiref.headers
    r = wsgiref.util.guess_scheme({})
    return r

CALLS['wsgiref'] = stdlib_38

def stdlib_39():
    import graphlib, contextvars, weakref, abc, numbers, types, contextlib
    r = list(graphlib.TopologicalSorter({'a': ['b']}).static_order())
    return r

CALLS['graphlib'] = stdlib_39

def stdlib_40():
    import platform, sys, sysconfig
    r = platform.python_implementation(), platform.system()
    return r

CALLS['platform'] = stdlib_40

def stdlib_41():
    import struct, array, ctypes
    r = struct.pack('<i', 1), array.array('i', [1]).tobytes(), ctypes.sizeof(ctypes.c_int)
    return r

CALLS['struct'] = stdlib_41

def stdlib_42():
    import codecs, io
    r = codecs.getreader('utf-16')(io.BytesIO('hé'.encode('utf-16'))).read(), io.TextIOWrapper(io.BytesIO(b'\\xe9'), encoding='latin-1').read()
    return r

CALLS['codecs-stream'] = stdlib_42

def stdlib_43():
    import io
    r = open('/tmp/x.txt', 'w', encoding='cp1251').write('ж'), open('/tmp/x.txt', encoding='cp1251').read()
    return r

CALLS['locale-enc'] = stdlib_43

def stdlib_44():
    import string.templatelib
    r = 1
    return r

CALLS['string.templatelib'] = stdlib_44

def stdlib_45():
    import warnings
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        warnings.warn('x', DeprecationWarning)
        r = len(w)
    return r

CALLS['warnings'] = stdlib_45

def stdlib_46():
    import unittest
    r = unittest.TestCase.__name__
    return r

CALLS['unittest'] = stdlib_46

def stdlib_47():
    import getopt, optparse, configparser
    c = configparser.ConfigParser()
    c.read_string('[a]\\nb = 1')
    r = c['a']['b'], getopt.getopt(['-a'], 'a')
    return r

CALLS['doctest-free'] = stdlib_47

def stdlib_48():
    import ipaddress, socket
    r = str(ipaddress.ip_network('10.0.0.0/30')[1]), socket.AF_INET
    return r

CALLS['ipaddress'] = stdlib_48

def stdlib_49():
    import timeit, time, datetime
    r = datetime.datetime(2024, 1, 1).strftime('%A %d %B'), datetime.datetime.fromisoformat('2024-01-01T10:00+02:00').utcoffset(), time.strftime('%Y', time.gmtime(0))
    return r

CALLS['timeit'] = stdlib_49

def run():
    out = {}
    for name, call in CALLS.items():
        try:
            out[name] = repr(call())
        except Exception as e:
            out[name] = "%s: %s" % (type(e).__name__, e)
    return out
`;

/** The eight packages exercised: module `packages_app`. */
const PACKAGES_APP = `import blinker
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

/** The entry: both sets of calls, each answer under its set's prefix. */
const APP = `import calls
import packages_app


def run():
    out = {"calls: " + name: answer for name, answer in calls.run().items()}
    out.update({"packages: " + name: answer for name, answer in packages_app.run().items()})
    return out
`;

let served: ServedPythonApp;
let runs: { built: AppRun; whole: AppRun };

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: this test runs the system Python's third-party packages`);
  const files = { ...packageFiles(), 'calls.py': CALLS, 'packages_app.py': PACKAGES_APP, 'app.py': APP };
  served = await buildAndServePythonApp('stdlib-page-app', files);
  runs = await runAppBesideWholeStdlib(served, files);
}, 900_000);

afterAll(() => served?.close());

/** The answers of one set of calls, by name. */
const answers = (run: AppRun, set: string) =>
  Object.fromEntries(
    Object.entries(run.results)
      .filter(([name]) => name.startsWith(`${set}: `))
      .map(([name, answer]) => [name.slice(set.length + 2), answer]),
  );

it('compiles nothing in the page', () => {
  expect(Object.keys(runs.built.results)).toHaveLength(79);
  expect(runs.built.compiled).toEqual([]);
});

it('answers calls whose imports no source names, and ordinary stdlib use, as Pyodide with its whole stdlib', () => {
  const built = answers(runs.built, 'calls');
  const whole = answers(runs.whole, 'calls');
  expect(Object.keys(built)).toHaveLength(71);
  expect(built).toEqual(whole);
  // Controls: the expected answers are the calls' real results, not errors (but the unknown codec's).
  expect(whole['zipfile names (cp437)']).toBe("['a.txt']");
  expect(whole['no such codec']).toBe('LookupError: unknown encoding: no-such-codec');
  expect(whole['large int']).toBe('(200001, 7)');
});

it('runs eight real packages as Pyodide with its whole stdlib does', () => {
  const built = answers(runs.built, 'packages');
  const whole = answers(runs.whole, 'packages');
  expect(Object.keys(whole)).toHaveLength(8);
  // The expected answers are the calls' results, not errors.
  for (const [name, answer] of Object.entries(whole)) expect(answer, name).not.toMatch(/^\w+Error: /);
  expect(built).toEqual(whole);
});
