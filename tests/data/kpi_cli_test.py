#!/usr/bin/env python3
"""`ecolobby kpi`: JSON shape for scripts, a CSV and a JSON feed merged, warnings keep exit 0,
an unusable feed exits non-zero with one line naming it."""
import json, os, subprocess, sys

binary, source_dir = sys.argv[1], sys.argv[2]
fx = lambda name: os.path.join(source_dir, "tests/data/fixtures", name)


def kpi(*args):
    return subprocess.run([binary, "kpi", *args], capture_output=True, text=True, timeout=60)


p = kpi("--feed", fx("good.json"), "--feed", os.path.join(source_dir, "content/feeds/monthly-example.csv"), "--json")
assert p.returncode == 0, p.stderr
j = json.loads(p.stdout)
ids = [b["id"] for b in j["buildings"]]
assert ids == ["500231A001", "500231B101", "500231C102"], ids
gov = j["buildings"][0]
for period in ("ytd", "today", "month"):
    assert set(gov[period]) >= {"electricity_kwh", "water_m3", "gas_m3", "energy_kgce", "co2_kg"}, gov[period]
assert gov["today"]["electricity_kwh"] == 25, gov["today"]          # 100 → 125 kWh on 10 Jan
assert abs(gov["today"]["energy_kgce"] - 25 * 0.1229) < 1e-3
assert abs(gov["per_m2"]["electricity_kwh"] - 25 / 12000) < 1e-3
assert abs(gov["per_person"]["electricity_kwh"] - 25 / 350) < 1e-3
assert set(j["total"]) >= {"ytd", "today", "month", "per_person", "per_m2"}
assert all(set(r) >= {"rank", "building", "reduction_pct", "eligible", "reason"} for r in j["rankings"])
assert not any(r["eligible"] for r in j["rankings"]), "no building has last year's data"

p = kpi("--feed", fx("rollover.json"))
assert p.returncode == 0, p.stderr
assert "register went back" in p.stderr and "rollover.json:" in p.stderr, p.stderr
assert "500231A001" in p.stdout

for bad, why in (("wrong-schema.json", "not supported"), ("malformed.json", "malformed.json:3:"),
                 ("missing.json", "cannot read")):
    p = kpi("--feed", fx(bad))
    assert p.returncode != 0, bad
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and why in lines[0], p.stderr

p = kpi("--feed", fx("good.json"), "--at", "yesterday")
assert p.returncode == 2 and "--at" in p.stderr, p.stderr
print("ok: kpi JSON shape, merged sources, warnings, one-line refusals")
