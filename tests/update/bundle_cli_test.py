#!/usr/bin/env python3
"""The administrator's commands on the real program: `check` (including characters no font can
show), `bundle build` refusing content that fails the check, `bundle verify` / `inspect`,
`bundle rollback`, `status` in text and JSON, and `bundle apply`'s exit codes (1 refused,
2 configuration, 3 this screen's disk) with the one-line result a kiosk reads (--json)."""
import hashlib, json, os, shutil, stat, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(__file__))
from update_test_lib import Screen

binary, source_dir = sys.argv[1], sys.argv[2]

with tempfile.TemporaryDirectory() as tmp:
    screen = Screen(binary, tmp)
    key = os.path.join(tmp, "keys", "bundle.key")
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600

    # The bundled content passes the whole check, fonts included.
    p = screen.run("check", os.path.join(source_dir, "content"))
    assert "0 error(s)" in p.stdout, p.stdout

    # A character no installed font has is an error naming the file and the character.
    boxes = screen.content("boxes", "节能 🌱")
    p = screen.run("check", boxes, check=False)
    assert p.returncode == 1 and "schedule.toml: 1 character(s) no installed font can show" in p.stdout and "U+1F331" in p.stdout, p.stdout
    p = screen.run("bundle", "build", boxes, "--key", key, "--version", "1", "--out", os.path.join(tmp, "x.tar.zst"), check=False)
    assert p.returncode == 1 and "fix them before building a bundle" in p.stderr, p.stdout + p.stderr
    assert not os.path.exists(os.path.join(tmp, "x.tar.zst"))

    # verify and inspect.
    _, b1 = screen.bundle("1", "第一版")
    p = screen.run("bundle", "verify", b1)
    assert "OK · version 1" in p.stdout, p.stdout
    p = screen.run("bundle", "inspect", b1)
    assert "version: 1" in p.stdout and "schedule.toml" in p.stdout and "images/note.txt" in p.stdout, p.stdout
    other = os.path.join(tmp, "other")
    screen.run("bundle", "keygen", "--out", other, config=False)
    p = screen.run("bundle", "verify", b1, "--pubkey", os.path.join(other, "bundle.pub"), check=False)
    assert p.returncode == 1 and "does not verify against any trusted key" in p.stderr, p.stderr
    p = screen.run("bundle", "keygen", "--out", os.path.join(tmp, "keys"), config=False, check=False)
    assert p.returncode == 1 and "a key already exists" in p.stderr, p.stderr

    # apply, status, rollback.
    _, b2 = screen.bundle("2", "第二版")
    screen.run("bundle", "apply", b1)
    screen.run("bundle", "apply", b2)
    p = screen.run("status")
    assert "content:   2 (health check pending)" in p.stdout and "previous:  1" in p.stdout, p.stdout
    p = screen.run("bundle", "rollback", "--reason", "wrong poster")
    assert "rolled back 2; now showing 1" in p.stdout, p.stdout
    # An administrator's decision is news, not a failure: logged at info.
    said = [line for line in p.stderr.splitlines() if "rolled back 2 to 1: wrong poster" in line]
    assert said and all("[info]" in line for line in said) and "[error]" not in p.stderr, p.stderr
    s = screen.status()
    assert s["content_version"] == "1" and s["bad"] == {"2": "wrong poster"}, s
    assert s["previous"] == [], s  # 1 is current, 2 was removed: nothing else is kept
    p = screen.run("status")
    assert "rolled back: 2 (wrong poster)" in p.stdout, p.stdout

    # A missing file is a usage error: exit 2, one line, and nothing is recorded against a version.
    for args in (["bundle", "apply", os.path.join(tmp, "nope.tar.zst")],
                 ["bundle", "verify", os.path.join(tmp, "nope.tar.zst")],
                 ["bundle", "inspect", os.path.join(tmp, "nope.tar.zst")],
                 ["bundle", "build", os.path.join(tmp, "no-such-dir"), "--key", key, "--version", "9", "--out", os.path.join(tmp, "x")]):
        p = screen.run(*args, check=False)
        lines = [line for line in p.stderr.splitlines() if line.strip()]
        assert p.returncode == 2 and len(lines) == 1 and "no such" in lines[0] and "refused" not in lines[0], (args, p.returncode, p.stderr)

    # A bad [updates] section is a one-line error naming the file and key, exit 2.
    with open(screen.config, "a") as f:
        f.write('url = "ftp://example/latest.json"\n')
    p = screen.run("status", check=False)
    p = screen.run("bundle", "apply", b2, check=False)
    assert p.returncode == 2 and "screen.toml" in p.stderr and "updates.url" in p.stderr, p.stderr
    print("ok: check, build, verify, inspect, apply, rollback and status behave as documented")

# The exit codes a kiosk installing in a child process relies on.
with tempfile.TemporaryDirectory() as tmp:
    screen = Screen(binary, tmp)
    _, b3 = screen.bundle("3", "第三版")
    p = screen.run("bundle", "apply", b3, "--json")
    result = json.loads(p.stdout)
    assert result["version"] == "3" and result["dir"].endswith("releases/3") and result["bytes"] > 0, p.stdout
    other = os.path.join(tmp, "other")
    screen.run("bundle", "keygen", "--out", other, config=False)
    _, b4 = screen.bundle("4", "第四版")
    p = screen.run("bundle", "apply", b4, "--json", "--pubkey", os.path.join(other, "bundle.pub"), check=False)
    assert p.returncode == 1 and p.stdout == "" and p.stderr.strip().splitlines()[-1].startswith("ecolobby: bundle-4.tar.zst: "), p.stderr
    if os.geteuid() == 0 and shutil.which("mount"):
        # A full disk is the screen's problem, not the bundle's: exit 3, and it goes in once there is room.
        big = screen.content("big", "大文件")
        with open(os.path.join(big, "images", "big.bin"), "wb") as f:
            f.write(os.urandom(3 << 20))
        b5 = os.path.join(tmp, "bundle-5.tar.zst")
        screen.run("bundle", "build", big, "--key", os.path.join(tmp, "keys", "bundle.key"), "--version", "5", "--out", b5)
        small_disk = os.path.join(tmp, "small")
        os.makedirs(small_disk)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small_disk]).returncode == 0:
            try:
                p = screen.run("bundle", "apply", b5, "--json", "--data-dir", small_disk, check=False)
                assert p.returncode == 3 and "No space left on device" in p.stderr, (p.returncode, p.stderr)
            finally:
                subprocess.run(["umount", "-l", small_disk])
            p = screen.run("bundle", "apply", b5, "--json", "--data-dir", small_disk)
            assert json.loads(p.stdout)["version"] == "5", p.stdout
            print("ok: a full disk is exit 3, and the same bundle goes in once there is room")
    print("ok: bundle apply --json prints the installed release; a refused bundle is exit 1 with a one-line reason")

# `bundle publish`: a publish folder a web server or USB stick serves, announced by latest.json.
with tempfile.TemporaryDirectory() as tmp:
    screen = Screen(binary, tmp)
    key = os.path.join(tmp, "keys", "bundle.key")
    out = os.path.join(tmp, "www", "ecolobby")  # made by publish

    def publish(version, *extra, check=True):
        src = screen.content("p" + version.replace(".", "_"), f"发布 {version}")
        return screen.run("bundle", "publish", src, "--key", key, "--version", version, "--out", out, *extra, check=check)

    def latest():
        with open(os.path.join(out, "latest.json"), encoding="utf-8") as f:
            return json.load(f)

    def bundles():
        return sorted(n for n in os.listdir(out) if n.startswith("bundle-"))

    p = publish("2026.11.3")
    info = latest()
    name = "bundle-2026.11.3.tar.zst"
    assert info["version"] == "2026.11.3" and info["url"] == name, info
    with open(os.path.join(out, name), "rb") as f:
        blob = f.read()
    assert info["size"] == len(blob) and info["sha256"] == hashlib.sha256(blob).hexdigest(), info
    assert info["created"].endswith("Z"), info
    assert "now announces version 2026.11.3" in p.stdout, p.stdout
    # What publish wrote verifies with the screen's trusted key, and installs.
    assert "OK · version 2026.11.3" in screen.run("bundle", "verify", os.path.join(out, name)).stdout
    # Nothing half-written is left beside it.
    assert sorted(os.listdir(out)) == [name, "latest.json"], os.listdir(out)

    # The same version again, or an older one, is refused and the folder is left as it was.
    for v in ("2026.11.3", "2026.10.9", "7"):
        p = publish(v, check=False)
        assert p.returncode == 1 and "already announces version 2026.11.3" in p.stderr, (v, p.returncode, p.stderr)
        assert latest() == info and bundles() == [name], (v, bundles())

    # Content that fails the check is not published.
    boxes = screen.content("boxes", "节能 🌱")
    p = screen.run("bundle", "publish", boxes, "--key", key, "--version", "2027", "--out", out, check=False)
    assert p.returncode == 1 and "fix them before building a bundle" in p.stderr, p.stderr
    assert latest() == info and bundles() == [name]

    # Newer versions: the newest --keep stay (by version order, not by time or by name: 2026.11.10 > 2026.11.9).
    for v in ("2026.11.9", "2026.11.10", "2026.12"):
        publish(v, "--keep", "3")
    assert latest()["version"] == "2026.12", latest()
    assert bundles() == ["bundle-2026.11.10.tar.zst", "bundle-2026.11.9.tar.zst", "bundle-2026.12.tar.zst"], bundles()
    p = publish("2026.12.1", "--keep", "1", "--compression", "gzip")
    assert bundles() == ["bundle-2026.12.1.tar.gz"] and latest()["url"] == "bundle-2026.12.1.tar.gz", (bundles(), latest())
    assert p.stdout.count("removed ") == 3, p.stdout
    # Files publish did not name are not its to remove.
    with open(os.path.join(out, "index.html"), "w") as f:
        f.write("<p>EcoLobby</p>")
    publish("2026.12.2", "--keep", "1")
    assert sorted(os.listdir(out)) == ["bundle-2026.12.2.tar.zst", "index.html", "latest.json"], os.listdir(out)

    # A latest.json that is not one stops publish rather than being overwritten blind.
    with open(os.path.join(out, "latest.json"), "w") as f:
        f.write("{\"version\": 3")
    p = publish("2027", check=False)
    assert p.returncode == 1 and "latest.json: not JSON" in p.stderr, p.stderr
    assert not os.path.exists(os.path.join(out, "bundle-2027.tar.zst"))

    # Usage errors: a version that is not one, a missing key.
    p = publish("v2", check=False)
    assert p.returncode == 1 and "version 'v2'" in p.stderr, (p.returncode, p.stderr)
    p = screen.run("bundle", "publish", boxes, "--key", os.path.join(tmp, "nokey"), "--version", "9", "--out", out, check=False)
    assert p.returncode == 2 and "no such" in p.stderr, (p.returncode, p.stderr)
    print("ok: bundle publish writes a verified bundle and latest.json, refuses going back, keeps the newest N by version")

# Channels and staged rollout: latest-<channel>.json, rollout_percent; a channel has its own history.
with tempfile.TemporaryDirectory() as tmp:
    screen = Screen(binary, tmp)
    key = os.path.join(tmp, "keys", "bundle.key")
    out = os.path.join(tmp, "www")
    src = screen.content("c1", "频道")
    p = screen.run("bundle", "publish", src, "--key", key, "--version", "5", "--out", out, "--channel", "pilot", "--rollout-percent", "10")
    assert "latest-pilot.json now announces version 5; 10 % of the screens" in p.stdout, p.stdout
    with open(os.path.join(out, "latest-pilot.json")) as f:
        pilot = json.load(f)
    assert pilot["version"] == "5" and pilot["rollout_percent"] == 10, pilot
    assert not os.path.exists(os.path.join(out, "latest.json"))
    # The main announcement is another file with its own order: version 4 is still newer than nothing there.
    screen.run("bundle", "publish", src, "--key", key, "--version", "4", "--out", out)
    with open(os.path.join(out, "latest.json")) as f:
        assert "rollout_percent" not in json.load(f)
    for bad in (["--channel", "Pilot"], ["--channel", "../x"], ["--rollout-percent", "101"]):
        p = screen.run("bundle", "publish", src, "--key", key, "--version", "9", "--out", out, *bad, check=False)
        assert p.returncode != 0 and ("channel" in p.stderr or "rollout" in p.stderr), (bad, p.returncode, p.stderr)
    # Pruning one channel never removes the bundle another channel announces.
    for v in ("6", "7", "8"):
        screen.run("bundle", "publish", src, "--key", key, "--version", v, "--out", out, "--channel", "pilot", "--keep", "1")
    assert sorted(n for n in os.listdir(out) if n.startswith("bundle-")) == ["bundle-4.tar.zst", "bundle-8.tar.zst"], os.listdir(out)
    print("ok: bundle publish --channel writes latest-<channel>.json, --rollout-percent stages it, "
          "and pruning keeps what any channel announces")
