#!/usr/bin/env python3
"""(issue #20, 3) Where an installed screen's data directory comes from, and that previews never
touch a screen's state, with the real program and real files:
(1) with the system configuration ($ECOLOBBY_SYSTEM_CONFIG standing in for
/etc/ecolobby/ecolobby.toml) and HOME=/nonexistent, `ecolobby status` reports the release
installed in that configuration's data_dir, not "bundled" from ~/.local/share;
(2) a headless --content preview, a headless screenshot of the installed screen and `plugin run`
leave every file of the screen's data directory (starts.json and its last_good_content,
state.json, current, the releases, font-atlas.bin, the database) byte for byte and mtime as it was,
while a normal run of the same screen does change it (so the comparison can fail)."""
import json, os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "update"))
from update_test_lib import Screen  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]
NOW = "2026-06-24T10:00:00+08:00"


def snapshot(d):
    """Every path below d: its mtime and its bytes (a link: its target)."""
    out = {}
    for root, dirs, files in os.walk(d):
        for name in dirs + files:
            p = os.path.join(root, name)
            st = os.lstat(p)
            if os.path.islink(p):
                content = os.readlink(p)
            elif os.path.isfile(p):
                with open(p, "rb") as f:
                    content = f.read()
            else:
                content = None
            out[os.path.relpath(p, d)] = (st.st_mtime_ns, content)
    return out


def differences(before, after):
    return sorted(set(before) ^ set(after)) + sorted(k for k in before.keys() & after.keys() if before[k] != after[k])


def as_installed(screen, home="/nonexistent"):
    """The environment of someone else on the installed screen: no --config, no usable HOME."""
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_DATA_HOME", "HOME")}
    env.update(ECOLOBBY_SYSTEM_CONFIG=screen.config, HOME=home)
    return env


def run(cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)


def assert_private_folder_gone(stderr):
    """A preview says where its private data went; that folder is gone once it exits."""
    m = re.search(r"preview: .* data in (\S+) until exit", stderr)
    assert m, "no preview line: " + stderr[-2000:]
    assert not os.path.exists(m.group(1)), f"the preview left {m.group(1)}"


def main():
    tmp = tempfile.mkdtemp(prefix="ecolobby-datadir-")
    try:
        screen = Screen(binary, tmp)
        _, bundle = screen.bundle("1.0", "屏上内容")
        screen.run("bundle", "apply", bundle)
        screen.kiosk(frames=30)  # the screen has run: starts.json, the font cache, the database
        for f in ("starts.json", "content/state.json", "content/current", "cache/font-atlas.bin", "ecolobby.db"):
            assert os.path.lexists(os.path.join(screen.data, f)), f"the screen's run left no {f}"
        with open(os.path.join(screen.data, "starts.json")) as f:
            good = json.load(f)["last_good_content"]
        assert good.endswith("1.0"), good

        # (1) The system configuration's data_dir, whoever runs the command.
        env = as_installed(screen)
        p = run([binary, "status", "--json"], env)
        assert p.returncode == 0, p.stderr
        st = json.loads(p.stdout)
        assert st["content_version"] == "1.0" and st["content_dir"].startswith(screen.data), st
        p = run([binary, "status"], env)
        assert p.returncode == 0 and "content:   1.0" in p.stdout, p.stdout + p.stderr
        assert "/nonexistent" not in p.stdout + p.stderr, p.stdout + p.stderr
        print(f"ok: status with the system configuration and HOME=/nonexistent reports {st['content_dir']}")

        # (2) Previews leave the screen's state as it was.
        before = snapshot(screen.data)
        other = screen.content("preview", "预览内容")
        shot = os.path.join(tmp, "preview.png")
        p = run([binary, "--config", screen.config, "--headless", "--content", other, "--now", NOW,
                 "--frames", "40", "--frame-step-ms", "100", "--size", "640x360", "--screenshot", shot])
        assert p.returncode == 0 and os.path.getsize(shot) > 0, p.stderr[-2000:]
        assert_private_folder_gone(p.stderr)
        changed = differences(before, snapshot(screen.data))
        assert not changed, f"a --content preview changed the screen's data: {changed}"

        trace = os.path.join(tmp, "installed.jsonl")
        p = run([binary, "--headless", "--now", NOW, "--frames", "40", "--frame-step-ms", "100", "--size", "640x360",
                 "--screenshot", shot, "--trace", trace], env)
        assert p.returncode == 0, p.stderr[-2000:]
        assert_private_folder_gone(p.stderr)
        with open(trace) as f:
            shown = [json.loads(l).get("name", "") for l in f if '"scene"' in l]
        assert "slide:屏上内容" in shown, f"the preview of the installed screen showed {shown}, not its release"
        changed = differences(before, snapshot(screen.data))
        assert not changed, f"a headless run of the installed screen changed its data: {changed}"

        p = run([binary, "plugin", "run", os.path.join(source, "plugins", "example_campaign"), "--headless",
                 "--now", NOW, "--frames", "20"], env)
        assert p.returncode == 0, p.stderr[-2000:]
        changed = differences(before, snapshot(screen.data))
        assert not changed, f"plugin run changed the screen's data: {changed}"
        print(f"ok: --content preview, headless screenshot of the installed screen (showing {shown[0]}) and "
              f"plugin run left {len(before)} paths of the screen's data untouched")

        # The comparison can fail: the screen itself does change its state.
        screen.kiosk(frames=30)
        changed = differences(before, snapshot(screen.data))
        assert "starts.json" in changed, changed
        print(f"ok: a normal run of the screen changes {len(changed)} paths (starts.json among them)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
