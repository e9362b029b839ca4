#!/usr/bin/env python3
"""Feeds as they really arrive, through the running kiosk: a CSV saved by Chinese Excel in
GB18030, a JSON feed with Chinese text where a number belongs, and a region feed of 1500
buildings with a small-capped plugin on screen. The screen stays up (exit 0, never 134), the
plugin gets the decoded names, and the snapshot it gets lists what the screen shows (its own
building, the top of the ranking), not the whole region."""
import json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data_kiosk import data_plugin, data_config, region_feed  # noqa: E402

binary, source_dir = sys.argv[1], os.path.abspath(sys.argv[2])


with tempfile.TemporaryDirectory() as tmp:
    # The smallest memory cap a manifest may ask for: a region-sized snapshot would not fit.
    data_plugin(tmp, "feedview", '  local names = {}\n'
                '  for _, b in ipairs(s.buildings) do names[#names + 1] = b.name end\n'
                '  log.info("listed=" .. #s.buildings .. " count=" .. tostring(s.buildings_count) ..\n'
                '           " rankings=" .. #s.rankings .. " names=" .. table.concat(names, "|", 1, math.min(#names, 3)))',
                manifest_extra="memory_mb = 8\n", slots=("plugin", "data"))

    def config(url, extra=""):
        data_config(tmp, source_dir, url, extra)

    def run_until(marker):
        # The worker may publish after the first frames: retry a few runs rather than sleep.
        for _ in range(6):
            p = subprocess.run([binary, "--config", f"{tmp}/k.toml", "--headless", "--frames", "60", "--frame-step-ms", "100",
                                "--now", "2026-01-10T02:00:00+08:00"], capture_output=True, text=True, errors="replace",
                               timeout=120)
            out = p.stdout + p.stderr
            assert p.returncode == 0, f"exit {p.returncode}:\n{out[-3000:]}"
            if marker in out:
                return out
        raise AssertionError(f"never saw {marker!r}:\n{out[-3000:]}")

    # 1. GB18030 CSV, as Chinese Excel and WPS save "CSV (逗号分隔)".
    csv = ("building,month,energy,quantity,unit,name,area_m2\n"
           "500231B101,2025-12,electricity,3100,kWh,县档案馆,1800\n"
           "500231B102,2025-12,water,40,m3,县图书馆（新馆）,900\n")
    with open(os.path.join(tmp, "monthly.csv"), "wb") as f:
        f.write(csv.encode("gb18030"))
    config(os.path.join(tmp, "monthly.csv"))
    out = run_until("names=")
    assert "县档案馆|县图书馆（新馆）" in out, out[-3000:]
    assert "read as GB18030" in out, out[-3000:]

    # 2. Chinese text where a value belongs: one reading left out, the message valid UTF-8.
    body = {"schema": "ecolobby-feed/1", "buildings": [{"id": "b1", "name": "县政府办公楼"}],
            "meters": [{"id": "m", "building": "b1", "energy": "electricity", "mode": "cumulative", "main": True}],
            "readings": [{"meter": "m", "ts": "2026-01-10T00:30:00+08:00", "value": 100},
                         {"meter": "m", "ts": "2026-01-10T01:00:00+08:00", "value": "一二三四五六七八"},
                         {"meter": "m", "ts": "2026-01-10T01:30:00+08:00", "value": 110}]}
    with open(os.path.join(tmp, "cn.json"), "w", encoding="utf-8") as f:
        json.dump(body, f, ensure_ascii=False)
    config(os.path.join(tmp, "cn.json"))
    out = run_until("names=县政府办公楼")
    assert "is not a number" in out, out[-3000:]

    # 3. A region feed: the screen shows its own building and the ranking's top, not 1500.
    region_feed(os.path.join(tmp, "region.json"), 1500)
    config(os.path.join(tmp, "region.json"), 'building = "500231A001234"\n')
    out = run_until("count=1500")
    line = next(l for l in out.splitlines() if "count=1500" in l)
    listed = int(line.split("listed=")[1].split()[0])
    rankings = int(line.split("rankings=")[1].split()[0])
    assert 1 <= listed <= 50, line
    assert 1 <= rankings <= 33, line
    assert "not enough memory" not in out, out[-3000:]  # the snapshot fits an 8 MB plugin
    print(f"ok: GB18030 CSV decoded, Chinese value refused alone, region feed of 1500 scoped to {listed} buildings "
          f"and {rankings} ranking entries")
