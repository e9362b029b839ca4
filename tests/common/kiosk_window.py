"""A real kiosk window for tests: a free Xvfb display, and the status endpoint's port read from
the kiosk's log."""
import os, re, subprocess, time


def start_xvfb(first=161, last=380, size="1280x800x24"):
    """Starts Xvfb on the first free display number in [first, last); returns (process, ":N")."""
    for n in range(first, last):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            break
    x = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", size, "-nolisten", "tcp"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        if os.path.exists(f"/tmp/.X11-unix/X{n}"):
            break
        time.sleep(0.05)
    return x, f":{n}"


def wait_for_status_port(log, tries=200):
    """The port the kiosk's status endpoint listens on, from its log file (opened w+); asserts."""
    for _ in range(tries):
        log.seek(0)
        m = re.search(r"status endpoint listening on http://127\.0\.0\.1:(\d+)", log.read())
        if m:
            return int(m.group(1))
        time.sleep(0.05)
    log.seek(0)
    raise AssertionError("no status endpoint: " + log.read()[-2000:])
