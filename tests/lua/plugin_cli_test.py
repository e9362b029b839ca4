#!/usr/bin/env python3
"""`ecolobby plugin run` and `plugin test` as an officer meets them (issue #19): a plugin that cannot
load makes `plugin run` exit 1 with its file:line and a hint (Chinese, or English with --lang en);
`plugin test` exits 1 when the plugin failed in a case that did not expect it."""
import os, subprocess, sys, tempfile

binary = sys.argv[1]
source = sys.argv[2]
NOW = "2026-06-24T10:00:00+08:00"


def plugin(root, id, main_lua, tests=None):
    d = os.path.join(root, id)
    os.makedirs(os.path.join(d, "tests"))
    with open(os.path.join(d, "plugin.toml"), "w") as f:
        f.write(f'id = "{id}"\nversion = "1"\napi = 1\nname = "测试"\npermissions = ["store"]\n')
    with open(os.path.join(d, "main.lua"), "w") as f:
        f.write(main_lua)
    for name, text in (tests or {}).items():
        with open(os.path.join(d, "tests", name), "w") as f:
            f.write(text)
    return d


def run(config, *args):
    p = subprocess.run([binary, "--config", config, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


with tempfile.TemporaryDirectory() as tmp:
    config = os.path.join(tmp, "k.toml")
    with open(config, "w") as f:
        f.write(f'data_dir = "{tmp}/data"\n')
    headless = ["--headless", "--frames", "5", "--now", NOW]

    # A missing `end`: exit 1, the line, and the hint in Chinese; in English with --lang en.
    broken = plugin(tmp, "broken", "local P = {}\nfunction P.frame()\n  if true then\nend\nreturn P\n")
    code, _, err = run(config, "plugin", "run", broken, *headless)
    assert code == 1, (code, err[-2000:])
    assert "plugin run: broken cannot load: syntax error: broken/main.lua:6:" in err, err[-2000:]
    assert "第 6 行" in err, err[-2000:]
    code, _, err = run(config, "plugin", "run", broken, *headless, "--lang", "en")
    assert code == 1 and "near line 6" in err, (code, err[-2000:])

    # A runtime error while loading (load(), main chunk): exit 1 with the class's hint.
    nil_load = plugin(tmp, "nil_load", "local P = {}\nfunction P.load(ctx)\n  local t = nil; local y = t.x\nend\nreturn P\n")
    code, _, err = run(config, "plugin", "run", nil_load, *headless)
    assert code == 1, (code, err[-2000:])
    assert "nil_load/main.lua:3: attempt to index a nil value" in err and "画之前先检查数据" in err, err[-2000:]
    loops = plugin(tmp, "loops", "local P = {}\nwhile true do end\nreturn P\n")
    code, _, err = run(config, "plugin", "run", loops, *headless)
    assert code == 1 and "CPU limit" in err and "kiosk.after" in err, (code, err[-2000:])

    # A plugin that loads: exit 0.
    code, _, err = run(config, "plugin", "run", os.path.join(source, "plugins", "example_campaign"), *headless)
    assert code == 0, (code, err[-2000:])

    # plugin test: a nil index in frame() fails the case with file:line; expect_error makes it pass.
    nil_frame = plugin(tmp, "nil_frame", "local P = {}\nfunction P.frame()\n  local t = nil; ui.text(t.title, 0, 0)\nend\nreturn P\n",
                       {"draw_test.lua": "test.case('draws', function() test.frame() end)\n"})
    code, out, _ = run(config, "plugin", "test", nil_frame)
    assert code == 1, (code, out)
    assert "0 passed, 1 failed" in out and "nil_frame/main.lua:3: attempt to index a nil value (local 't')" in out, out
    expects = plugin(tmp, "expects", "local P = {}\nfunction P.frame()\n  local t = nil; ui.text(t.title, 0, 0)\nend\nreturn P\n",
                     {"draw_test.lua": "test.case('draws', function() test.expect_error('index a nil'); test.frame() end)\n"})
    code, out, _ = run(config, "plugin", "test", expects)
    assert code == 0 and "1 passed, 0 failed" in out, (code, out)
    print("ok: plugin run exits 1 with file:line and a hint; plugin test fails unexpected plugin errors")
