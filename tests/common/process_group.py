"""Stopping a program started with start_new_session=True, with everything it started (a browser's
helpers, cage and its client): SIGTERM to the group, SIGKILL if it has not ended within the grace
period. Shared by the benchmarks and the tests."""
import os, signal, subprocess


def stop_process_group(proc, grace_s=15):
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
