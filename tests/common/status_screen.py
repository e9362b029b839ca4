"""A headless kiosk with its status endpoint on 127.0.0.1 for a test, and requests to it.

    with StatusScreen(binary, tmp, source) as screen:      # token in a 0600 token file
        code, headers, body = screen.get("/metrics")        # with the token; token=None: without

The screen runs on a feed made by scripts/feed-sim (so data sources and their ages are there),
in a small headless window; the run ends with SIGTERM, and leaving the block asserts exit 0."""
import os, subprocess, sys, urllib.error, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_window import wait_for_status_port  # noqa: E402

TOKEN = "metrics-token-for-tests-0123456789"


def http_get(port, path, token=None, method="GET"):
    """(status, headers, body) of one request to 127.0.0.1:port; HTTP errors are answers too."""
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


class StatusScreen:
    def __init__(self, binary, tmp, source, kiosk_id="lobby-metrics", org_name="垫江县财政局"):
        self.binary, self.tmp, self.source = binary, tmp, source
        self.kiosk_id, self.org_name = kiosk_id, org_name
        self.token_file = os.path.join(tmp, "status.token")
        self.data_dir = os.path.join(tmp, "data")

    def __enter__(self):
        feed = os.path.join(self.tmp, "feed.json")
        subprocess.run([sys.executable, os.path.join(self.source, "scripts", "feed-sim"), "generate",
                        "--institutions", "4", "--seed", "7", "--out", feed], check=True, capture_output=True)
        with open(self.token_file, "w") as f:
            f.write(TOKEN + "\n")
        os.chmod(self.token_file, 0o600)
        self.config = os.path.join(self.tmp, "k.toml")
        with open(self.config, "w") as f:
            f.write(f'data_dir = "{self.data_dir}"\nkiosk_id = "{self.kiosk_id}"\norg_name = "{self.org_name}"\n'
                    f'[data]\nbuilding = "500231A001"\n[[data.source]]\nurl = "{feed}"\n'
                    f'[status]\nlisten = "127.0.0.1:0"\ntoken_file = "{self.token_file}"\n')
        self.log = open(os.path.join(self.tmp, "kiosk.log"), "w+")
        # A manual clock one second a frame: the run is as long as the test wants it.
        self.proc = subprocess.Popen([self.binary, "--config", self.config, "--headless", "--frames", "100000000",
                                      "--frame-step-ms", "1000", "--size", "320x180",
                                      "--now", "2026-06-24T10:00:00+08:00"],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self.port = wait_for_status_port(self.log)
        except BaseException:
            self.proc.kill()
            self.proc.wait()
            raise
        return self

    def get(self, path, token=TOKEN, method="GET"):
        return http_get(self.port, path, token, method)

    def log_tail(self, n=3000):
        self.log.seek(0)
        return self.log.read()[-n:]

    def __exit__(self, kind, *_):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if kind is None:
            assert self.proc.returncode == 0, f"the kiosk exited {self.proc.returncode}:\n{self.log_tail()}"
        self.log.close()
        return False
