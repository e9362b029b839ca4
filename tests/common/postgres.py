"""A real PostgreSQL server for a test: initdb and pg_ctl into a temporary directory, listening
on 127.0.0.1 and a socket in that directory, stopped and removed afterwards. PostgreSQL refuses
to run as root, so under root the server runs as `nobody`.

    with Postgres() as pg:
        pg.psql("SELECT 1")                                   # as the owner, over the socket
        pg.psql("SELECT 1", user="screen_a", password="…")    # a screen's login, over TCP with a password
"""
import glob, os, pwd, shutil, socket, subprocess, tempfile


def _bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise RuntimeError(f"{name}: PostgreSQL is not installed (scripts/install-deps.sh installs it)")
    return found[-1]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    owner = "hub_owner"
    database = "ecolobby_hub"

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="ecolobby-pg-")
        os.chmod(self.dir, 0o755)
        self.data = os.path.join(self.dir, "data")
        self.port = _free_port()
        self.run_as = []
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(self.dir, nobody.pw_uid, nobody.pw_gid)
            self.run_as = ["runuser", "-u", "nobody", "--"]
        subprocess.run(self.run_as + [_bin("initdb"), "-D", self.data, "-U", self.owner, "-E", "UTF8",
                                      "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256"],
                       check=True, capture_output=True, text=True)
        subprocess.run(self.run_as + [_bin("pg_ctl"), "-D", self.data, "-l", os.path.join(self.dir, "server.log"), "-w",
                                      "-o", f"-k {self.dir} -p {self.port} -c listen_addresses=127.0.0.1", "start"],
                       check=True, capture_output=True, text=True)
        self.psql(f"CREATE DATABASE {self.database}", database="postgres")
        return self

    def __exit__(self, *exc):
        subprocess.run(self.run_as + [_bin("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, user, password):
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{self.database}"

    def psql(self, sql=None, user=None, password=None, database=None, file=None, check=True):
        """Runs `sql` (or `file`) in psql; returns the CompletedProcess (stdout: unaligned rows, `|` between
        columns). The owner connects over the socket; anyone with a password over TCP."""
        env = dict(os.environ, PGCONNECT_TIMEOUT="10")
        cmd = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database or self.database]
        if password is None:
            cmd += ["-h", self.dir, "-p", str(self.port), "-U", user or self.owner]
        else:
            cmd += ["-h", "127.0.0.1", "-p", str(self.port), "-U", user]
            env["PGPASSWORD"] = password
        cmd += ["-f", file] if file else ["-c", sql]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if check and r.returncode != 0:
            raise AssertionError(f"psql as {user or self.owner}: {sql or file}\n{r.stderr}")
        return r
