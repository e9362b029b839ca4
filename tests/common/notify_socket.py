"""A real AF_UNIX datagram socket standing in for systemd's notify socket: collects what the
program says (READY=1, WATCHDOG=1, STATUS=…, STOPPING=1) with the time each arrived. Read
continuously, as systemd does: a full datagram queue would block the sender."""
import os, socket, threading, time


class NotifySocket:
    def __init__(self, directory, name="notify", world_writable=False):
        self.path = os.path.join(directory, name + ".sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        if world_writable:  # a program dropped to another user must still reach it
            os.chmod(self.path, 0o777)
        self.sock.settimeout(0.05)
        self.timed = []  # (monotonic time, text)
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._drain)
        self.thread.start()

    def _drain(self):
        while not self.done.is_set():
            try:
                self.timed.append((time.monotonic(), self.sock.recv(4096).decode()))
            except socket.timeout:
                pass

    @property
    def messages(self):
        return [m for _, m in self.timed]

    def stop(self):
        self.done.set()
        self.thread.join()
        self.sock.setblocking(False)
        while True:  # what arrived after the last read still counts
            try:
                self.timed.append((time.monotonic(), self.sock.recv(4096).decode()))
            except BlockingIOError:
                break
        self.sock.close()
