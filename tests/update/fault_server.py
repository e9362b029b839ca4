#!/usr/bin/env python3
"""A static file server on 127.0.0.1 for update tests: serves a directory with ETags and HTTP
Range (resume), and misbehaves on request. POST /control?mode=M sets the mode for the files
that follow: ok | 404 | 500 | slow (no byte for 60 s) | truncate (half of each bundle, then
close) | noresume (ignores Range). GET /stats returns counters as JSON."""
import argparse, hashlib, http.server, json, os, threading, time, urllib.parse

state = {"mode": "ok", "requests": 0, "not_modified": 0, "range_requests": 0, "bundle_bytes": 0}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, code, body=b"", headers=None):
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/control":
            mode = urllib.parse.parse_qs(url.query).get("mode", ["ok"])[0]
            with lock:
                state["mode"] = mode
            return self.reply(200, b"ok")
        self.reply(404)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/stats":
            with lock:
                return self.reply(200, json.dumps(state).encode(), {"Content-Type": "application/json"})
        with lock:
            state["requests"] += 1
            mode = state["mode"]
        if mode == "404":
            return self.reply(404, b"not found")
        if mode == "500":
            return self.reply(500, b"server error")
        if mode == "slow":
            time.sleep(60)
            return
        path = os.path.join(args.root, url.path.lstrip("/"))
        if not os.path.isfile(path):
            return self.reply(404, b"not found")
        data = open(path, "rb").read()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            with lock:
                state["not_modified"] += 1
            return self.reply(304, b"", {"ETag": etag})
        start = 0
        rng = self.headers.get("Range")
        if rng and mode != "noresume" and rng.startswith("bytes="):
            start = int(rng[6:].split("-")[0])
            with lock:
                state["range_requests"] += 1
        body = data[start:]
        is_bundle = not path.endswith(".json")
        if is_bundle:
            with lock:
                state["bundle_bytes"] += len(body)
        code = 206 if start else 200
        self.send_response(code)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        if mode == "truncate" and is_bundle:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)


parser = argparse.ArgumentParser()
parser.add_argument("--root", required=True)
parser.add_argument("--port-file", required=True)
args = parser.parse_args()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(args.port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(args.port_file + ".tmp", args.port_file)
server.serve_forever()
