"""Stopping a program started with start_new_session=True, with everything it started (a browser's
helpers, cage and its client): SIGTERM to the group, SIGKILL if it has not ended within the grace
period. Shared by the benchmarks and the tests.

The stop is over when every member of the group has ended, not when the leader has: cage exits
as soon as it gets SIGTERM, while its client (EcoLobby, slow under a sanitizer) is still saving
and saying STOPPING=1. A caller that looked at the client's output after the leader's exit would
race it."""
import os, signal, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proc_stat import PGRP, STATE, processes  # noqa: E402


def group_members(pgid):
    """Live processes of the group (zombies are over: nobody may reap them in a container)."""
    return [pid for pid, f in processes() if f[STATE] != "Z" and int(f[PGRP]) == pgid]


def wait_group(pgid, timeout_s):
    deadline = time.monotonic() + timeout_s
    while group_members(pgid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def stop_process_group(proc, grace_s=15):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    if not wait_group(proc.pid, grace_s):  # the leader is a zombie until reaped: wait_group skips it
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        wait_group(proc.pid, 5)
    proc.wait()
