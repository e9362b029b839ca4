#!/usr/bin/env python3
"""docs/plugin-tutorial.md works as written: every code block marked `file=PATH` is written into a
copy of the bundled content (`.append` blocks are appended), the pictures are copied as step 4
says, then the officer's commands run on it: `plugin test` passes, `check` finds no error, and
`plugin run --headless` draws the campaign without a plugin error, in both orientations."""
import os, re, shutil, subprocess, sys, tempfile

binary, source_dir = sys.argv[1], os.path.abspath(sys.argv[2])
doc = open(os.path.join(source_dir, "docs", "plugin-tutorial.md"), encoding="utf-8").read()
blocks = re.findall(r"^```\w+ file=(\S+)\n(.*?)^```$", doc, re.S | re.M)
assert len(blocks) >= 6, f"expected the tutorial's files, found {[b[0] for b in blocks]}"

with tempfile.TemporaryDirectory() as tmp:
    shutil.copytree(os.path.join(source_dir, "content"), os.path.join(tmp, "content"))
    for path, text in blocks:
        append = path.endswith(".append")
        target = os.path.join(tmp, path[: -len(".append")] if append else path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "a" if append else "w", encoding="utf-8") as f:
            f.write(("\n" if append else "") + text)
    plugin = os.path.join(tmp, "content", "plugins", "sorting_mini")
    os.makedirs(os.path.join(plugin, "assets"), exist_ok=True)  # step 1 makes the folder; without it the copies overwrite one file named assets
    for name in ("can", "battery", "banana", "tissue"):  # step 4
        shutil.copy(os.path.join(source_dir, "plugins", "garbage_sorting", "assets", name + ".png"), os.path.join(plugin, "assets"))
    with open(os.path.join(tmp, "k.toml"), "w") as f:
        f.write(f'data_dir = "{tmp}/data"\ncontent_dir = "{tmp}/content"\nplugins_dir = "{source_dir}/plugins"\n')
    base = [binary, "--config", os.path.join(tmp, "k.toml")]

    p = subprocess.run(base + ["plugin", "test", plugin], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and "2 passed, 0 failed" in p.stdout + p.stderr, p.stdout + p.stderr
    p = subprocess.run(base + ["check", os.path.join(tmp, "content")], capture_output=True, text=True, timeout=120)
    out = p.stdout + p.stderr
    assert p.returncode == 0 and "0 error(s)" in out, out
    for orientation in ("landscape", "portrait"):
        p = subprocess.run(base + ["plugin", "run", plugin, "--headless", "--frames", "3", "--orientation", orientation,
                                   "--screenshot", os.path.join(tmp, orientation + ".png")], capture_output=True, text=True, timeout=120)
        errors = [l for l in p.stderr.splitlines() if "[error]" in l and "CPU limit" not in l]
        assert p.returncode == 0 and not errors, (orientation, errors or p.stderr[-2000:])
        assert os.path.getsize(os.path.join(tmp, orientation + ".png")) > 0
    print(f"ok: the tutorial's {len(blocks)} files give a plugin whose tests pass, `check` is clean and both orientations draw")
