"""A throw-away PostgreSQL server for the store tests (no Docker needed).

:class:`PgServer` finds Debian's PostgreSQL binaries
(``/usr/lib/postgresql/<version>/bin``), runs ``initdb`` into a temporary
directory (as the ``postgres`` user when the tests run as root, since the
server refuses to run as root), starts it on a free loopback port with its
socket in that directory, and removes everything on :meth:`stop`.

Set ``TALLY_TEST_PG_URL`` to a server URL (``postgresql://user@host:port``)
to use an existing server instead; each test then gets its own database there.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def find_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` holding initdb and pg_ctl (or
    the directory of an ``initdb`` on PATH)."""
    found = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        bindir = Path(initdb).parent
        try:
            version = float(bindir.parent.name)
        except ValueError:
            version = 0.0
        if (bindir / "pg_ctl").exists():
            found.append((version, bindir))
    if found:
        return max(found)[1]
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """A PostgreSQL cluster in a temporary directory, on 127.0.0.1."""

    def __init__(self, bindir: Path, durable: bool = False) -> None:
        self.bindir = bindir
        self.durable = durable  # False: fsync off, for fast tests
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        # as root the server runs as postgres, which must reach the folder: use /tmp, not $TMPDIR
        self.dir = Path(tempfile.mkdtemp(prefix="tally-pg-", dir="/tmp" if self.as_root else None))
        self.data = self.dir / "data"
        self.user = "postgres"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.as_root:
            runuser = shutil.which("runuser")
            cmd = [runuser, "-u", "postgres", "--", *cmd] if runuser else ["su", "postgres", "-s", "/bin/sh",
                                                                            "-c", " ".join(cmd)]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)

    def start(self) -> "PgServer":
        if self.as_root:
            shutil.chown(self.dir, user="postgres", group="postgres")
        else:
            self.user = os.environ.get("USER") or "postgres"
        init = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U",
                         self.user, "-E", "UTF8", "--no-sync", "--locale=C.UTF-8")
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
        self._pg_ctl_start(60)
        return self

    def _pg_ctl_start(self, timeout: int) -> None:
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c max_connections=50"
        if not self.durable:
            opts += " -c fsync=off -c full_page_writes=off"
        started = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                            str(self.dir / "server.log"), "-o", opts, "-w", "-t", str(timeout), "start")
        if started.returncode != 0:
            log = (self.dir / "server.log").read_text(errors="replace") if (self.dir / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr.strip()} {log[-2000:]}")

    def crash(self) -> None:
        """Stop the server as a crash would (``pg_ctl stop -m immediate``: every
        process quits at once, nothing flushed); its data stays for :meth:`restart`."""
        done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed: {done.stderr.strip()}")

    def restart(self) -> None:
        """Start the server again on the same data and port (crash recovery from its WAL)."""
        self._pg_ctl_start(120)

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.data.exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


_shared: PgServer | None = None


def shared_server() -> PgServer | None:
    """One server for the whole test session, started on first use and stopped
    when the interpreter exits; ``None`` when PostgreSQL is not installed."""
    global _shared
    if _shared is None:
        bindir = find_bindir()
        if bindir is None:
            return None
        _shared = PgServer(bindir).start()
        atexit.register(_shared.stop)
    return _shared


def create_database(server_url: str) -> str:
    """Create a fresh database on the server at ``server_url``; its URL."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url.replace("postgresql://", "postgresql://", 1) + "/postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # a generated identifier, not user input
    return f"{server_url}/{name}"
