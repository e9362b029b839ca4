#!/usr/bin/env python3
"""The running kiosk with a [data] source: a plugin receives the figures through on_data and
data.snapshot(); after a restart with the source gone, the saved snapshot is shown again."""
import os, subprocess, sys, tempfile

binary, source_dir = sys.argv[1], sys.argv[2]
fixture = os.path.join(source_dir, "tests/data/fixtures/good.json")

with tempfile.TemporaryDirectory() as tmp:
    plugin = os.path.join(tmp, "plugins", "datatest")
    os.makedirs(plugin)
    os.makedirs(os.path.join(tmp, "content"))
    with open(os.path.join(plugin, "plugin.toml"), "w") as f:
        f.write('id = "datatest"\nversion = "1"\napi = 1\nname = "数据"\npermissions = ["data"]\n')
    with open(os.path.join(plugin, "main.lua"), "w") as f:
        f.write('local P = {}\n'
                'function P.on_data(s)\n'
                '  log.info("today_kwh=" .. s.total.today.electricity_kwh .. " cache=" .. tostring(s.meta.from_cache))\n'
                'end\n'
                'function P.frame() ui.text("数据", 100, 100) end\nreturn P\n')
    with open(os.path.join(tmp, "content", "schedule.toml"), "w") as f:
        f.write('[[slot]]\nscene = "plugin"\nplugin = "datatest"\nduration_s = 60\n')
    # content_dir has no factor files of its own: point [data] at the bundled ones.
    def config(url):
        with open(os.path.join(tmp, "k.toml"), "w") as f:
            f.write(f'data_dir = "{tmp}/data"\ncontent_dir = "{tmp}/content"\nplugins_dir = "{tmp}/plugins"\n'
                    f'[data]\nfactors = "{source_dir}/content/factors/cn-2023.toml"\n'
                    f'targets = "{source_dir}/content/targets/dianjiang-2025.toml"\n'
                    f'[[data.source]]\nurl = "{url}"\ninterval_s = 60\n')

    def run():
        p = subprocess.run([binary, "--config", f"{tmp}/k.toml", "--headless", "--frames", "40", "--frame-step-ms", "100",
                            "--now", "2026-01-10T02:00:00+08:00"], capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout + p.stderr

    config(fixture)
    # The worker may publish after the first frames: retry a few runs rather than sleep.
    for attempt in range(5):
        code, out = run()
        if "today_kwh=25" in out:
            break
    assert code == 0, out[-3000:]
    assert "today_kwh=25" in out and "cache=false" in out, out[-3000:]

    config(os.path.join(tmp, "gone.json"))
    code, out = run()
    assert code == 0, out[-3000:]
    assert "today_kwh=25" in out and "cache=true" in out, "saved snapshot not shown:\n" + out[-3000:]
    assert "gone.json" in out and "keeping the last good data" in out, out[-3000:]
    print("ok: plugin got live figures; after losing the source the saved snapshot was shown")
