#!/usr/bin/env python3
"""docs/plugin-tutorial.md works as written: every code block marked `file=PATH` is written into a
copy of the bundled content (`.append` blocks are appended), the pictures are copied as step 4
says, then the officer's commands run on it: `plugin test` passes, `check` finds no error, and
`plugin run --headless` draws the campaign without a plugin error, in both orientations."""
import os, subprocess, sys, tempfile

binary, source_dir = sys.argv[1], os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tutorial_files import tutorial_blocks, write_tutorial  # noqa: E402

blocks = tutorial_blocks(source_dir)
assert len(blocks) >= 6, f"expected the tutorial's files, found {[b[0] for b in blocks]}"

with tempfile.TemporaryDirectory() as tmp:
    plugin = write_tutorial(tmp, source_dir)
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
