"""The standard library's HTTP server answering one fixed JSON body, done right.

The floor the simulator is compared with: keep-alive, Nagle off, headers and body in one
write, a deep listen backlog (the pitfalls PERFORMANCE-NOTES.md measured).
"""

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BODY = b'{"majorVersion":"15","minorVersion":"1","su":"2","build":"15.1.2.25"}'


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self):
        self.wfile.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + str(len(BODY)).encode()
            + b"\r\n\r\n"
            + BODY
        )

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
