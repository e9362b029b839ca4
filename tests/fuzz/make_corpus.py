#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/<target>/ from the repository's own files.

Run from anywhere: python3 tests/fuzz/make_corpus.py. The seeds are small on purpose (libFuzzer
mutates small inputs faster); they are checked in, so this only needs running when the formats
or the fixtures change. Bundles are uncompressed tars whose bundle.sig is a placeholder of the
right length: bundle_reader_fuzz re-signs them with its test key (see that file).
"""
import gzip
import hashlib
import io
import json
import pathlib
import shutil
import tarfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"
# Written by other engineers; never touched here.
KEEP = {"lua_pattern_fuzz", "lua_api_fuzz"}


def target(name):
    d = CORPUS / name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    return d


def put(d, name, data):
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def read(rel):
    return (ROOT / rel).read_bytes()


def feed_json():
    d = target("feed_json_fuzz")
    outline = target("json_outline_fuzz")  # the feed reader's outline: the same fixtures, as text
    for f in sorted((ROOT / "tests/data/fixtures").glob("*.json")):
        put(d, f.name, f.read_bytes())
        put(outline, f.name, f.read_bytes())
    # The documented example (interval meter, parent meter, region scope), with readings.
    doc = {"schema": "ecolobby-feed/1", "generated_at": "2026-01-10T23:59:59+08:00", "scope": "region",
           "buildings": [{"id": "500231A001", "name": "县政府办公楼", "type": "state_organ", "area_m2": 12000,
                          "occupants": 350, "tz": "+08:00"},
                         {"id": "500231B101", "name": "县档案馆", "type": "public_unit", "area_m2": 1800,
                          "occupants": 40, "tz": "+08:00"}],
           "meters": [{"id": "e1", "building": "500231A001", "energy": "electricity", "code": "01000", "unit": "kWh",
                       "mode": "cumulative", "main": True},
                      {"id": "e1-ac", "building": "500231A001", "energy": "electricity", "code": "01B00",
                       "unit": "kWh", "mode": "cumulative", "main": False, "parent": "e1"},
                      {"id": "w1", "building": "500231A001", "energy": "water", "code": "02000", "unit": "m3",
                       "mode": "interval", "main": True, "interval_s": 3600},
                      {"id": "g2", "building": "500231B101", "energy": "natural_gas", "code": "03000", "unit": "m3",
                       "mode": "interval", "main": True}],
           "readings": []}
    for h in range(6):
        ts = f"2026-01-10T{h:02d}:00:00+08:00"
        doc["readings"] += [{"meter": "e1", "ts": ts, "value": 10234.5 + 40 * h, "quality": "ok"},
                            {"meter": "e1-ac", "ts": ts, "value": 2000 + 15 * h, "quality": "estimated" if h == 3 else "ok"},
                            {"meter": "w1", "ts": ts, "value": 1.5, "quality": "missing" if h == 4 else "ok"},
                            {"meter": "g2", "ts": ts, "value": 3.25}]
    put(d, "documented-example.json", json.dumps(doc, ensure_ascii=False, indent=1))


def feed_csv():
    d = target("feed_csv_fuzz")
    example = read("content/feeds/monthly-example.csv")
    put(d, "monthly-example.csv", example)
    put(d, "monthly-example-bom-crlf.csv", b"\xef\xbb\xbf" + example.replace(b"\n", b"\r\n"))
    put(d, "required-columns-only.csv",
        "building,month,energy,quantity,unit\n500231A001,2026/10,electricity,5210,kWh\n"
        "500231A001,2026-10-01,water,61,m3\n500231A001,2026-11,natural_gas,12.5,m3\n")
    put(d, "quoted-fields.csv",
        'building,name,type,area_m2,occupants,month,energy,quantity,unit\n'
        '500231C102,"县科协, 二楼",group,950,22,2026-10,gasoline,120,L\n'
        '500231C102,"县科协 ""老楼""",group,950,22,2026-11,electricity,"1,210",kWh\n')


def config():
    d = target("config_fuzz")
    put(d, "packaging-ecolobby.toml", read("packaging/ecolobby.toml"))
    put(d, "demo.toml", read("scripts/demo.toml"))
    put(d, "every-section.toml", """org_name = "垫江县机关事务服务中心"
welcome_line = "节约能源资源，共建绿色机关"
kiosk_id = "lobby-2"
language = "en"
orientation = "portrait"
idle_timeout_s = 90
allow_quit_keys = false
large_print = true
utc_offset = "+08:00"
departments = ["办公室", "财务科", "后勤科"]

[display]
fullscreen = false
vsync = true
on_hours = "07:30-19:00"
on_days = [1, 2, 3, 4, 5]
off_command = "xset dpms force off"
on_command = "xset dpms force on"

[data]
building = "500231A013"
grid = "chongqing-2022"
rank_by = "energy_per_person"
rank_period = "month"
min_coverage = 0.8
[[data.source]]
url = "https://energy.example.gov.cn/feed.json"
interval_s = 300
token = "s3cret-token"
encoding = "gb18030"
max_mb = 8
[[data.source]]
url = "feeds/monthly-example.csv"

[updates]
url = "https://updates.example.gov.cn/ecolobby/latest.json"
trusted_keys = ["+kY8WpPM3cfa3V9Pni4M0SF0GXY+WbzjFlgCRBCgxEo="]
interval_s = 600
max_bundle_mb = 256
keep_releases = 3

[status]
listen = "127.0.0.1:8088"
token = "0123456789abcdef0123"
""")



def toml_seeds(name, files):
    d = target(name)
    for rel in files:
        put(d, pathlib.Path(rel).name, read(rel))
    return d


def question_bank():
    d = toml_seeds("question_bank_fuzz", [])
    text = read("content/quiz/energy-week.toml").decode()
    parts = text.split("[[question]]")
    put(d, "energy-week-first3.toml", parts[0] + "".join("[[question]]" + p for p in parts[1:4]))
    put(d, "energy-week-last2.toml", parts[0] + "".join("[[question]]" + p for p in parts[-2:]))


def bundle_files():
    files = {}
    for rel in ["content/schedule.toml", "content/campaigns.toml", "content/tips.toml", "content/pledges.toml"]:
        files[rel.split("/", 1)[1]] = read(rel)
    files["quiz/energy-week.toml"] = read("content/quiz/energy-week.toml")[:2048]
    return files


def manifest_text(files, version="2026.6.1"):
    out = ["# EcoLobby content bundle manifest; bundle.sig signs these exact bytes.",
           "[bundle]", f'version = "{version}"', 'created = "2026-06-20T09:30:00+08:00"',
           'min_program_version = "0.1.0"', ""]
    for path in sorted(files):
        data = files[path]
        out += ["[[file]]", f'path = "{path}"', f"size = {len(data)}",
                f'sha256 = "{hashlib.sha256(data).hexdigest()}"', ""]
    return "\n".join(out).encode()


def bundle_manifest():
    d = target("bundle_manifest_fuzz")
    put(d, "bundle.toml", manifest_text(bundle_files()))
    put(d, "empty-files.toml", '[bundle]\nversion = "1"\ncreated = ""\nmin_program_version = ""\nfile = []\n')


SIG_PLACEHOLDER = b"ed25519 " + b"0" * 16 + b" " + b"A" * 86 + b"==\n"  # the length of a real one


def latest_json():
    d = target("latest_json_fuzz")  # what `bundle publish` writes, and the shapes a hand-written one takes
    sha = "0" * 64
    put(d, "published.json", '{\n  "version": "2026.11.3",\n  "url": "bundle-2026.11.3.tar.zst",\n  "size": 5242880,\n'
        f'  "sha256": "{sha}",\n  "created": "2026-11-03T08:00:00Z"\n}}\n')
    put(d, "minimal.json", f'{{"version":"7","url":"https://hub.example/b/7.tar.zst","size":1,"sha256":"{sha}"}}')
    put(d, "bad-size.json", f'{{"version":"7","url":"b.tar.zst","size":-1,"sha256":"{sha}"}}')


def tar_bytes(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data, kind in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 1750730400
            info.mode = 0o644
            if kind == "dir":
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                t.addfile(info)
            elif kind == "symlink":
                info.type = tarfile.SYMTYPE
                info.linkname = data
                t.addfile(info)
            else:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def bundle_reader():
    d = target("bundle_reader_fuzz")
    small = {"schedule.toml": read("content/schedule.toml")[:600], "quiz/energy-week.toml": read("content/quiz/energy-week.toml")[:700]}
    m = manifest_text(small)
    good = tar_bytes([("bundle.toml", m, "file"), ("bundle.sig", SIG_PLACEHOLDER, "file"), ("quiz", b"", "dir")]
                     + [(p, small[p], "file") for p in sorted(small)])
    put(d, "small-bundle.tar", good)
    put(d, "small-bundle.tar.gz", gzip.compress(good, mtime=0))
    # Shapes the reader must refuse: a link, a file not listed, a short file.
    put(d, "symlink.tar", tar_bytes([("bundle.toml", m, "file"), ("bundle.sig", SIG_PLACEHOLDER, "file"),
                                     ("schedule.toml", "/etc/passwd", "symlink")]))
    put(d, "unlisted.tar", tar_bytes([("bundle.toml", m, "file"), ("bundle.sig", SIG_PLACEHOLDER, "file"),
                                      ("schedule.toml", small["schedule.toml"], "file"), ("extra.txt", b"x", "file")]))
    put(d, "short-file.tar", tar_bytes([("bundle.toml", m, "file"), ("bundle.sig", SIG_PLACEHOLDER, "file"),
                                        ("schedule.toml", small["schedule.toml"][:100], "file")]))


# libFuzzer dictionaries (tests/fuzz/<target>.dict): the syntax of the format plus every key and
# enumerated value the seeds use, so mutations speak the format's vocabulary.
TOML_SYNTAX = ['"="', '" = "', '"["', '"]"', '"[["', '"]]"', '"{"', '"}"', '","', '"."', '"\\""', "\"'\"", '"\\"\\"\\""',
               '"\'\'\'"', '"#"', '"\\x0a"', '"true"', '"false"', '"inf"', '"nan"', '"-inf"', '"0x"', '"0o"', '"0b"',
               '"1e9"', '"_"', '"2026-06-24"', '"2026-06-24T10:00:00+08:00"', '"10:00:00"', '"\\\\u"', '"\\\\U"']
JSON_SYNTAX = ['"{"', '"}"', '"["', '"]"', '":"', '","', '"\\""', '"true"', '"false"', '"null"', '"-"', '"1e308"', '"-0"',
               '"0.5"', '"\\\\u"', '"\\\\ud83d"', '"NaN"', '"Infinity"']
CSV_SYNTAX = ['","', '"\\x0a"', '"\\x0d\\x0a"', '"\\""', '"\\xef\\xbb\\xbf"', '"2026-10"', '"2026/10"', '"2026-10-01"']


def dict_words(texts, pattern):
    import re
    words = set()
    for t in texts:
        words.update(re.findall(pattern, t, re.M))
    return sorted(w for w in words if 1 < len(w) <= 40)


def quote(w):
    return '"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_dict(name, syntax, words):
    lines = [f"# {name}: generated by make_corpus.py"] + syntax + [quote(w) for w in words]
    (ROOT / "tests/fuzz" / f"{name}.dict").write_text("\n".join(lines) + "\n")


def dictionaries():
    for d in sorted(CORPUS.iterdir()):
        if d.name in KEEP or d.name == "bundle_reader_fuzz":
            continue
        texts = [f.read_bytes().decode("utf-8", "replace") for f in sorted(d.iterdir())]
        if d.name == "feed_json_fuzz":
            write_dict(d.name, JSON_SYNTAX, dict_words(texts, r'"([A-Za-z_][A-Za-z0-9_/.-]*)"'))
        elif d.name == "feed_csv_fuzz":
            write_dict(d.name, CSV_SYNTAX, dict_words(texts, r"[A-Za-z_][A-Za-z0-9_]*"))
        else:  # TOML
            keys = dict_words(texts, r"^\s*\[*\s*([A-Za-z0-9_.-]+)\s*[=\]]")
            values = dict_words(texts, r'"([a-z_][a-z0-9_-]*)"')
            write_dict(d.name, TOML_SYNTAX, sorted(set(keys) | set(values)))


def main():
    CORPUS.mkdir(parents=True, exist_ok=True)
    feed_json()
    feed_csv()
    config()
    toml_seeds("schedule_fuzz", ["content/schedule.toml"])
    toml_seeds("campaigns_fuzz", ["content/campaigns.toml"])
    question_bank()
    d = target("plugin_manifest_fuzz")  # every bundled plugin's plugin.toml, named by plugin
    for p in sorted((ROOT / "plugins").iterdir()):
        if (p / "plugin.toml").exists():
            put(d, f"{p.name}.toml", (p / "plugin.toml").read_bytes())
    bundle_manifest()
    bundle_reader()
    latest_json()
    dictionaries()
    for d in sorted(CORPUS.iterdir()):
        if d.name not in KEEP:
            print(f"{d.name}: {len(list(d.iterdir()))} seeds, {sum(f.stat().st_size for f in d.iterdir())} bytes")


if __name__ == "__main__":
    main()
