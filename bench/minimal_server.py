"""The least an asyncio HTTP server can do: one fixed JSON answer to every request.

The floor the simulator is compared with on equal terms (the same event loop, one write
per answer, Nagle off): the difference is what the simulator's parsing, routing,
credential checks and JSON cost. Prints its URL, then serves until killed.
"""

import asyncio
import socket

BODY = (
    b'{"userId":"agent1","statusId":"Available","onPhone":false,"loggedIn":false,'
    b'"stations":[],"icServers":[],"statusChanged":"20260101T000000Z"}'
)
ANSWER = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.inin.icws+JSON; charset=utf-8\r\n"
    b"Content-Length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY
)


class Minimal(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""
        transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data):
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:  # the benchmark sends no bodies
            _, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
            self.transport.write(ANSWER)


async def main():
    server = await asyncio.get_running_loop().create_server(Minimal, "127.0.0.1", 0, backlog=1024)
    print(f"listening on http://127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
