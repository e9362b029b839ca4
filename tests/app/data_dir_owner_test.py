#!/usr/bin/env python3
"""(issue #20, 3) Who runs what on a screen's data directory, with the real program as root (exit
77, skipped, otherwise): a data directory owned by an unprivileged user (made with useradd for the
test, removed after) stays entirely that user's when root installs bundles, bakes the fonts, runs
the screen and exports (root's state-changing commands become the owner first), so that user's
own rollback can remove what root installed; a user who may not write it is refused with a
one-line hint and nothing is written; a directory whose owner is no user is refused."""
import os, pwd, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "update"))
from update_test_lib import Screen  # noqa: E402

binary = sys.argv[1]
if os.geteuid() != 0:
    print("skip: needs root (it changes users)")
    sys.exit(77)


def not_owned_by(d, uid):
    """Paths below d (d included) that do not belong to uid."""
    bad = []
    for root, dirs, files in os.walk(d):
        for p in [root] + [os.path.join(root, n) for n in dirs + files]:
            st = os.lstat(p)
            if st.st_uid != uid:
                bad.append(f"{os.path.relpath(p, d)} ({pwd.getpwuid(st.st_uid).pw_name})")
    return sorted(set(bad))


def as_user(user, *args):
    cmd = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups", binary, *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def refusal(p):
    """The one line the refusal prints (exit 3, kDataDirRefused)."""
    lines = [l for l in p.stderr.splitlines() if l.startswith("ecolobby: ")]
    assert p.returncode == 3 and len(lines) == 1, (p.returncode, p.stderr[-2000:])
    return lines[0]


def main():
    name = f"ecotest{os.getpid() % 100000}"
    subprocess.run(["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", name], check=True)
    tmp = tempfile.mkdtemp(prefix="ecolobby-owner-")
    try:
        user = pwd.getpwnam(name)
        os.chmod(tmp, 0o755)  # the bundles and the content, made by root, readable by the screen's user
        screen = Screen(binary, tmp)
        os.makedirs(screen.data)
        os.chown(screen.data, user.pw_uid, user.pw_gid)
        os.chmod(screen.data, 0o750)
        bundles = [screen.bundle(v, f"第 {v} 版")[1] for v in ("1.0", "2.0", "3.0")]

        # Root, on the screen's directory: every state-changing command becomes its owner first.
        screen.run("bundle", "apply", bundles[0])
        screen.run("bake-fonts")
        screen.kiosk(frames=30)
        screen.run("bundle", "apply", bundles[1])
        screen.run("bundle", "apply", bundles[2])
        out = os.path.join(tmp, "june.csv")
        screen.run("export", "--out", out)  # only reads: root writes its file where it was asked to
        assert os.stat(out).st_uid == 0
        for f in ("content/current", "content/state.json", "content/releases/3.0", "cache/font-atlas.bin", "starts.json",
                  "ecolobby.db", "logs/ecolobby.log"):
            assert os.path.lexists(os.path.join(screen.data, f)), f"no {f}"
        bad = not_owned_by(screen.data, user.pw_uid)
        assert not bad, f"root left files that are not {name}'s: {bad}"
        print(f"ok: bundle apply ×3, bake-fonts, the screen and export as root: all "
              f"{sum(len(d) + len(f) for _, d, f in os.walk(screen.data))} paths belong to {name}")

        # The screen's user can now undo what root installed (was: cannot remove old release … Permission denied).
        p = as_user(user, "--config", screen.config, "bundle", "rollback")
        assert p.returncode == 0, p.stderr[-2000:]
        assert not os.path.exists(os.path.join(screen.data, "content", "releases", "3.0")), os.listdir(os.path.join(screen.data, "content"))
        assert os.readlink(os.path.join(screen.data, "content", "current")).endswith("2.0")
        print(f"ok: {name}'s own rollback removed the release root installed")

        # A user who may not write the directory is refused, with the command to run instead.
        theirs = os.path.join(tmp, "root-data")
        os.makedirs(theirs)
        os.chmod(theirs, 0o755)
        p = as_user(user, "--config", screen.config, "bundle", "apply", bundles[0], "--data-dir", theirs)
        line = refusal(p)
        assert f"sudo -u root ecolobby --config {screen.config} bundle apply" in line, line
        p = as_user(user, "--config", screen.config, "status", "--data-dir", theirs)
        assert p.returncode == 0, p.stderr[-2000:]  # reading is anyone's who can read it
        os.chmod(theirs, 0o700)
        line = refusal(as_user(user, "--config", screen.config, "status", "--data-dir", theirs))
        assert theirs in line and f"adduser {name} root" in line, line
        assert os.listdir(theirs) == [], os.listdir(theirs)
        print(f"ok: {name} refused on root's directory: {line}")

        # Root on a directory whose owner is no user: refused, nothing written.
        orphan = os.path.join(tmp, "orphan")
        os.makedirs(orphan)
        os.chown(orphan, 54321, 54321)
        line = refusal(screen.run("bundle", "apply", bundles[0], "--data-dir", orphan, check=False))
        assert "54321" in line and os.listdir(orphan) == [], line
        print(f"ok: an owner that is no user is refused: {line}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run(["userdel", name], check=False)


main()
