#!/usr/bin/env python3
"""A dead compositor must not leave the lobby dark: when the display server of a running kiosk
dies, EcoLobby ends at once (a few seconds at most, not after systemd's stop timeout) with one log
line naming the lost display and a non-zero exit, so the unit restarts the session; and SIGTERM
stops a running kiosk promptly, even one whose frame loop hangs.

Run for real, twice each: under cage on wlroots' headless backend (the unit's ExecStart, as
`nobody`; needs root and cage, else that part is skipped) and in a window on a plain Xvfb (needs
Xvfb). The compositor or X server is killed with SIGKILL, as a crash would. The test makes itself
a child subreaper, so the kiosk, orphaned when cage dies, is reparented to it and its exit status
can be read. Exit 77 (skipped) when neither cage nor Xvfb can run here."""
import ctypes, os, pwd, re, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from process_group import stop_process_group  # noqa: E402
from installed_copy import install_copy  # noqa: E402
from proc_stat import children_of, ended  # noqa: E402

binary, source = sys.argv[1], sys.argv[2]
EXIT_WITHIN_S = 5.0   # what the test demands; the figure measured is printed
STOP_WITHIN_S = 5.0
STOP_GRACE_S = 5      # kiosk_app.cpp: a stop that hangs ends the process after this

PR_SET_CHILD_SUBREAPER = 36
ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def wait_for(log, pattern, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log.seek(0)
        text = log.read()
        if re.search(pattern, text):
            return text
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    log.seek(0)
    raise AssertionError(f"no {pattern!r} in the log:\n{log.read()[-3000:]}")


def wait_exit(pid, timeout):
    """Exit status of `pid` if it is our child (or an orphan reparented to us), "ended" if it ended
    as someone else's child (cage's), None if it still runs after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done == pid:
                return status
        except ChildProcessError:
            if ended(pid):
                return "ended"
        time.sleep(0.02)
    return None


def check_lost(log, status, elapsed, what, display_name):
    log.seek(0)
    text = log.read()
    assert status is not None, f"the kiosk still runs {EXIT_WITHIN_S} s after {what} died:\n{text[-3000:]}"
    code = os.waitstatus_to_exitcode(status)
    lines = [l for l in text.splitlines() if "display lost" in l]
    assert code != 0, f"exit code {code} after {what} died: the unit must see a failure\n{text[-3000:]}"
    assert code > 0, f"killed by signal {-code}, not a clean exit, after {what} died\n{text[-3000:]}"
    assert len(lines) == 1, f"expected one 'display lost' line, got {lines}\n{text[-3000:]}"
    assert display_name in lines[0], (display_name, lines[0])
    assert "stop did not finish" not in text, text[-3000:]
    print(f"ok: {what} killed: the kiosk exited {elapsed:.2f} s later with code {code}: "
          f"{lines[0].split('] ', 2)[-1]}")


def check_stopped(log, status, elapsed, where):
    log.seek(0)
    text = log.read()
    assert status is not None, f"SIGTERM did not stop the kiosk within {STOP_WITHIN_S} s ({where}):\n{text[-3000:]}"
    code = "unseen (cage's child)" if status == "ended" else os.waitstatus_to_exitcode(status)
    assert code in (0, "unseen (cage's child)"), f"exit code {code} after SIGTERM ({where})\n{text[-3000:]}"
    assert "stopping on signal 15" in text and "display lost" not in text, text[-3000:]
    assert "stop did not finish" not in text, text[-3000:]
    print(f"ok: SIGTERM stopped the kiosk ({where}) in {elapsed:.2f} s, exit code {code}")


def stop_all(*procs):
    for p in procs:
        if p and p.poll() is None:
            try:
                stop_process_group(p, grace_s=5)
            except ProcessLookupError:
                pass
    for pid in children_of(os.getpid()):  # orphans reparented to us
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def xvfb_runs(tmp):
    for n in range(231, 299):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            break
    x = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(200):
        if os.path.exists(f"/tmp/.X11-unix/X{n}"):
            break
        time.sleep(0.05)
    return x, f":{n}"


def xvfb_case(tmp, mode):
    """mode: "kill" the X server, "term" the kiosk, or "term-frozen": SIGTERM to a kiosk whose
    frame loop hangs (ECOLOBBY_TEST_FAULT=freeze), which must end within the stop grace anyway."""
    config = f"{tmp}/x.toml"
    with open(config, "w") as f:
        f.write(f'data_dir = "{tmp}/xdata"\n')
    xvfb, display = xvfb_runs(tmp)
    log = open(f"{tmp}/x-{mode}.log", "w+")
    env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11")
    if mode == "term-frozen":
        env["ECOLOBBY_TEST_FAULT"] = "freeze@1"
    kiosk = subprocess.Popen([binary, "--config", config, "--windowed", "800x450", "--renderer", "software"],
                             env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(log, r"first frame presented", kiosk)
        time.sleep(1)
        t0 = time.monotonic()
        if mode == "kill":
            os.killpg(xvfb.pid, signal.SIGKILL)
            xvfb.wait()
            for leftover in (f"/tmp/.X{display[1:]}-lock", f"/tmp/.X11-unix/X{display[1:]}"):
                if os.path.exists(leftover):
                    os.unlink(leftover)  # a killed server leaves them behind
        else:
            kiosk.send_signal(signal.SIGTERM)
        status = wait_exit(kiosk.pid, {"kill": EXIT_WITHIN_S, "term": STOP_WITHIN_S}.get(mode, STOP_GRACE_S + 3))
        elapsed = time.monotonic() - t0
        if status is not None:
            kiosk.returncode = os.waitstatus_to_exitcode(status)
        if mode == "kill":
            check_lost(log, status, elapsed, f"the X server {display}", f"X server {display}")
        elif mode == "term":
            check_stopped(log, status, elapsed, f"Xvfb {display}")
        else:
            log.seek(0)
            text = log.read()
            assert status is not None, f"SIGTERM did not end a frozen kiosk within {STOP_GRACE_S + 3} s:\n{text[-3000:]}"
            assert kiosk.returncode == 1 and "the stop did not finish within" in text, (kiosk.returncode, text[-3000:])
            print(f"ok: SIGTERM ended a kiosk with a frozen frame loop in {elapsed:.2f} s (exit 1, stop grace "
                  f"{STOP_GRACE_S} s)")
    finally:
        stop_all(kiosk, xvfb)


def cage_case(tmp, kill_server):
    """The unit's ExecStart (cage -d -- ecolobby …) as `nobody`, like cage_session_test.py."""
    nobody = pwd.getpwnam("nobody")
    root = f"{tmp}/cage-{kill_server}"
    program, runtime, data, config = install_copy(binary, source, root, nobody)
    env = {"PATH": "/usr/bin:/bin", "HOME": data, "XDG_RUNTIME_DIR": runtime, "WLR_BACKENDS": "headless",
           "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1", "XDG_SESSION_TYPE": "wayland",
           "SDL_VIDEODRIVER": "wayland"}
    log = open(f"{root}/session.log", "w+")
    cage = subprocess.Popen(["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups",
                             shutil.which("cage"), "-d", "--", program, "--config", config],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(log, r"first frame presented", cage)
        time.sleep(1)
        kids = children_of(cage.pid)
        assert len(kids) == 1, f"cage should have one client, has {kids}"
        kiosk = kids[0]
        sockets = [s for s in os.listdir(runtime) if s.startswith("wayland-") and not s.endswith(".lock")]
        t0 = time.monotonic()
        if kill_server:
            os.kill(cage.pid, signal.SIGKILL)  # the compositor crashes; its client stays, orphaned to us
            cage.wait()
        else:
            os.kill(kiosk, signal.SIGTERM)
        status = wait_exit(kiosk, EXIT_WITHIN_S if kill_server else STOP_WITHIN_S)
        elapsed = time.monotonic() - t0
        if kill_server:
            check_lost(log, status, elapsed, "cage", f"Wayland compositor ({sockets[0] if sockets else 'wayland-'}")
        else:
            check_stopped(log, status, elapsed, "cage")
            assert cage.wait(timeout=10) is not None, "cage -d did not end with its client"
    finally:
        stop_all(cage)


with tempfile.TemporaryDirectory() as tmp:
    os.chmod(tmp, 0o755)
    ran = 0
    if shutil.which("Xvfb"):
        for mode in ("kill", "term", "term-frozen"):
            xvfb_case(tmp, mode)
        ran += 1
    else:
        print("skipped: the Xvfb part (no Xvfb)")
    if os.getuid() == 0 and shutil.which("cage") and shutil.which("setpriv"):
        cage_case(tmp, kill_server=True)
        cage_case(tmp, kill_server=False)
        ran += 1
    else:
        print("skipped: the cage part (needs root, cage and setpriv)")
    if not ran:
        print("skipped: needs Xvfb, or root and cage")
        sys.exit(77)
