#!/usr/bin/env python3
"""The running kiosk with a [data] source: a plugin receives the figures through on_data and
data.snapshot(); after a restart with the source gone, the saved snapshot is shown again."""
import os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data_kiosk import data_plugin, data_config  # noqa: E402

binary, source_dir = sys.argv[1], sys.argv[2]
fixture = os.path.join(source_dir, "tests/data/fixtures/good.json")

with tempfile.TemporaryDirectory() as tmp:
    data_plugin(tmp, "datatest", '  log.info("today_kwh=" .. s.total.today.electricity_kwh .. " cache=" .. tostring(s.meta.from_cache))')

    def config(url):
        data_config(tmp, source_dir, url)

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
