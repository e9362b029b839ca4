"""A real systemd (this machine's /lib/systemd/systemd) booted as PID 1 of its own PID and mount
namespaces, so a test can start the installed ecolobby.service through it: PAM session, logind,
the sandbox directives, Type=notify and the watchdog, as on a screen. The host is kept out of
its reach: /tmp, /var/tmp, /run and the journal are fresh tmpfs inside (its boot-time cleaning
would otherwise empty the host's /tmp), udev and the services a screen's basic.target does not
need are masked, and stopping it kills the namespace's PID 1 and with it everything inside."""
import os, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from proc_stat import children_of  # noqa: E402

BOOT = r"""
set -e
mount -t proc proc /proc
for d in /tmp /var/tmp /run /var/log/journal; do
  if [ -d "$d" ]; then mount -t tmpfs -o mode=1777 tmpfs "$d"; fi
done
chmod 0755 /run
mkdir -p /run/systemd/system
for u in systemd-udevd.service systemd-udev-trigger.service systemd-udev-settle.service \
         systemd-udevd-control.socket systemd-udevd-kernel.socket getty@tty1.service \
         systemd-timesyncd.service systemd-networkd.service cron.service postgresql.service \
         systemd-tmpfiles-clean.timer apt-daily.timer apt-daily-upgrade.timer; do
  ln -sf /dev/null "/run/systemd/system/$u"
done
exec env container=ecolobby-test /lib/systemd/systemd --system --unit=basic.target --log-target=journal --log-level=info
"""


class NestedSystemd:
    def __init__(self):
        self.log = tempfile.NamedTemporaryFile(prefix="nested-systemd-", suffix=".log", delete=False)
        self.unshare = subprocess.Popen(["unshare", "--pid", "--fork", "--mount", "--propagation", "private", "sh", "-c", BOOT],
                                        stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.pid = self._init_pid()
        deadline = time.monotonic() + 90
        state = ""
        while time.monotonic() < deadline:
            state = self.run("systemctl", "is-system-running", check=False).stdout.strip()
            if state in ("running", "degraded"):
                return
            time.sleep(0.3)
        raise AssertionError(f"nested systemd did not boot (state '{state}'):\n{self.boot_log()[-3000:]}")

    def _init_pid(self):
        """unshare's child, PID 1 inside: the process that becomes systemd."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            for pid in children_of(self.unshare.pid):
                try:
                    if os.path.realpath(f"/proc/{pid}/exe").endswith("/systemd/systemd"):
                        return pid
                except OSError:
                    pass
            time.sleep(0.1)
        raise AssertionError(f"nested systemd did not start:\n{self.boot_log()[-3000:]}")

    def boot_log(self):
        with open(self.log.name, errors="replace") as f:
            return f.read()

    def run(self, *cmd, check=True, timeout=120):
        """A command inside (its mounts: the nested /run with systemd's private socket)."""
        p = subprocess.run(["nsenter", "-t", str(self.pid), "-m", "-p", "--"] + list(cmd), capture_output=True, text=True,
                           timeout=timeout)
        if check and p.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} → {p.returncode}\n{p.stdout}{p.stderr}")
        return p

    def show(self, unit, *props):
        out = self.run("systemctl", "show", unit, *[f"--property={p}" for p in props]).stdout
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def stop(self):
        try:
            os.kill(self.pid, signal.SIGKILL)  # PID 1 of the namespace: the kernel ends everything inside
        except ProcessLookupError:
            pass
        self.unshare.wait(timeout=30)
        os.unlink(self.log.name)
