"""A loopback TCP proxy that injects network faults between the app and its database:
forward (healthy), refuse (server down), blackhole (accepts, never answers), and back.
Used by the fault matrix (`make faults`) and by the hardening tests."""

from __future__ import annotations

import contextlib
import socket
import threading


class FaultProxy:
    """A loopback TCP proxy to `target` with three modes: forward, refuse, blackhole."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.mode = "forward"
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(client)
            if self.mode == "refuse":
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
                client.close()  # RST: as good as a refused connection
            elif self.mode == "forward":
                upstream = socket.create_connection(self.target)
                self.conns.append(upstream)
                for a, b in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()
            # blackhole: keep the socket open, never read or answer

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                if self.mode != "forward":
                    return  # a partition: stop carrying bytes both ways
                dst.sendall(data)
        except OSError:
            pass

    def cut(self, mode: str) -> None:
        """Switch mode; existing connections stop carrying traffic (and are dropped)."""
        self.mode = mode
        for c in self.conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
            c.close()
        self.conns.clear()

    def close(self) -> None:
        self._stop = True
        self.cut("refuse")
        self.sock.close()
