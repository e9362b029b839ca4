"""What the kiosk feed tests share: a plugin that logs what on_data receives, a schedule that shows
it, a config with one [data] source, and a region feed (scope "region") of n institutions with
one main electricity meter and two readings each, as a county or province platform sends them."""
import json
import os


def data_plugin(tmp, plugin_id, on_data_lua, manifest_extra="", slots=('plugin',)):
    """plugins/<id> with `on_data_lua` as the body of P.on_data(s), and a schedule of `slots`
    ("plugin" shows it, "data" the energy page)."""
    folder = os.path.join(tmp, "plugins", plugin_id)
    os.makedirs(folder)
    os.makedirs(os.path.join(tmp, "content"), exist_ok=True)
    with open(os.path.join(folder, "plugin.toml"), "w") as f:
        f.write(f'id = "{plugin_id}"\nversion = "1"\napi = 1\nname = "数据"\npermissions = ["data"]\n{manifest_extra}')
    with open(os.path.join(folder, "main.lua"), "w") as f:
        f.write(f'local P = {{}}\nfunction P.on_data(s)\n{on_data_lua}\nend\n'
                'function P.frame() ui.text("数据", 100, 100) end\nreturn P\n')
    with open(os.path.join(tmp, "content", "schedule.toml"), "w") as f:
        for slot in slots:
            f.write(f'[[slot]]\nscene = "plugin"\nplugin = "{plugin_id}"\nduration_s = 60\n' if slot == "plugin"
                    else '[[slot]]\nscene = "data"\nduration_s = 60\n')


def data_config(tmp, source_dir, url, extra="", data_dir=None):
    """tmp/k.toml: the test's content and plugins, one [data] source, the bundled factors and
    targets (the test's content has none), `extra` lines in [data]."""
    with open(os.path.join(tmp, "k.toml"), "w") as f:
        f.write(f'data_dir = "{data_dir or tmp + "/data"}"\ncontent_dir = "{tmp}/content"\nplugins_dir = "{tmp}/plugins"\n'
                f'[data]\nfactors = "{source_dir}/content/factors/cn-2023.toml"\n'
                f'targets = "{source_dir}/content/targets/dianjiang-2025.toml"\n{extra}'
                f'[[data.source]]\nurl = "{url}"\ninterval_s = 60\n')


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
