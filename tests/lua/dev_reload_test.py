#!/usr/bin/env python3
"""`ecolobby plugin run --dev` reloads a plugin when its files change, keeps its store, and shows
a syntax error (with file:line) instead of skipping the plugin."""
import json, os, subprocess, sys, tempfile, time

binary = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    plugin = os.path.join(tmp, "plugins", "devtest")
    os.makedirs(plugin)
    with open(os.path.join(plugin, "plugin.toml"), "w") as f:
        f.write('id = "devtest"\nversion = "1"\napi = 1\nname = "开发"\npermissions = ["store"]\n')
    with open(os.path.join(plugin, "main.lua"), "w") as f:
        f.write('local P = {}\nfunction P.enter() store.set("visits", store.get("visits", 0) + 1) end\n'
                'function P.frame() ui.text("第一版", 100, 100) end\nreturn P\n')
    with open(os.path.join(tmp, "k.toml"), "w") as f:
        f.write(f'data_dir = "{tmp}/data"\n')
    trace = os.path.join(tmp, "trace.jsonl")
    proc = subprocess.Popen([binary, "--config", f"{tmp}/k.toml", "plugin", "run", plugin, "--dev", "--headless",
                             "--frames", "100000", "--frame-step-ms", "33", "--now", "2026-06-24T10:00:00+08:00",
                             "--trace", trace], stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    with open(os.path.join(plugin, "main.lua"), "w") as f:
        f.write('local P = {}\nfunction P.frame( ui.text("坏了", 0, 0) end\nreturn P\n')  # syntax error on line 2
    deadline = time.time() + 20
    reloaded = False
    while time.time() < deadline and not reloaded:
        time.sleep(0.2)
        reloaded = any(json.loads(l)["event"] == "content" for l in open(trace) if l.strip())
    time.sleep(0.5)
    proc.terminate()
    _, err = proc.communicate(timeout=20)
    assert reloaded, "no reload after the file changed:\n" + err[-2000:]
    assert "syntax error: devtest/main.lua:2:" in err, err[-2000:]
    scenes = [json.loads(l) for l in open(trace) if '"scene"' in l]
    assert scenes and scenes[-1]["name"] == "plugin:devtest", scenes  # still on screen, with its error card
    print("ok: reloaded on change, syntax error reported with file:line, plugin kept on screen")
