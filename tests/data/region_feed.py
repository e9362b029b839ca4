"""A region feed (scope "region") of n institutions, one main electricity meter and two readings
each: what a county or province platform sends every screen. Shared by the kiosk feed tests."""
import json


def region_feed(path, n):
    buildings, meters, readings = [], [], []
    for i in range(n):
        bid = f"500231A{i:06d}"
        buildings.append({"id": bid, "name": f"机构{i}号楼", "type": "public_unit", "area_m2": 1000 + i % 500, "occupants": 50})
        meters.append({"id": f"m{i}", "building": bid, "energy": "electricity", "mode": "cumulative", "main": True})
        readings += [{"meter": f"m{i}", "ts": "2026-01-10T00:30:00+08:00", "value": 1000},
                     {"meter": f"m{i}", "ts": "2026-01-10T01:30:00+08:00", "value": 1010 + i % 7}]
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"schema": "ecolobby-feed/1", "scope": "region", "buildings": buildings, "meters": meters,
                   "readings": readings}, f, ensure_ascii=False)
