"""A reader kept running between runs, so an edited draft is read without loading the parser again.

Loading spaCy and its English pipeline costs most of an edited-draft `check` (its edited sentence
is the only one read afresh; everything else comes from reading.store's caches). `scocheck reader
start` starts one background process per user that holds the parser loaded and reads sentences
for any run on this machine, and stops by itself after a spell of idleness (or `scocheck reader
stop`). Without it, runs read in-process exactly as before; with it, they print the same results:

- it answers only runs of the same reading code: its socket is named by reading.store's code
  fingerprint (scocheck's version, the reading code and word lists, spaCy's and the model's
  versions), and every answer carries the whole fingerprint, which the run compares with its own;
- a run sends what it would read in-process (a sentence, the sentence before it, and the spans of
  both to skip) and the reader calls the same function (reading.store.read_sentence);
- anything amiss (no reader, a stale socket, a foreign or unsafe folder, a timeout, a malformed
  answer) and the run reads in-process.

The socket lives in a folder only this user can enter (`$XDG_RUNTIME_DIR`, else the system's
temporary folder, under `scocheck-UID/`); a folder that is a symlink, not ours or open to others
is not used.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

IDLE_MINUTES = 30  # a writer's session: long enough to outlast a pause, short enough not to linger all day
_LIMIT = 64 << 20  # bytes in one request or answer: far more than a draft, far less than a machine
_CONNECT = 0.5  # seconds to reach a reader that exists: it answers at once or is not there
_PER_SENTENCE = 2.0  # seconds allowed per sentence asked for, beyond a start-up allowance
_STARTED_WITHIN = 60.0  # seconds `start` waits for a new reader to load the parser and answer
_POLL = 30.0  # seconds between a reader's looks at its socket (replaced: it stops) and its idle time


def available() -> bool:
    return hasattr(socket, "AF_UNIX") and hasattr(os, "getuid")


def _folder(create: bool) -> Path | None:
    """The user's private folder for the socket, or None when it is unsafe or cannot be made."""
    if not available():
        return None
    import tempfile

    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"scocheck-{os.getuid()}"
    try:
        if create:
            folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return folder


def socket_path(fingerprint: str, create: bool = False) -> Path | None:
    folder = _folder(create)
    return folder / f"reader-{fingerprint[:24]}.sock" if folder else None


def _exchange(path: Path, request: dict, timeout: float) -> dict | None:
    """Send one request and read its answer; None when there is no reader or the answer is not one."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(_CONNECT)
            connection.connect(str(path))
            connection.settimeout(timeout)
            connection.sendall(json.dumps(request, ensure_ascii=False).encode() + b"\n")
            connection.shutdown(socket.SHUT_WR)
            answer = _receive(connection)
    except (OSError, ValueError):
        return None
    return answer if isinstance(answer, dict) else None


def _receive(connection: socket.socket):
    chunks, size = [], 0
    while chunk := connection.recv(1 << 16):
        chunks.append(chunk)
        size += len(chunk)
        if size > _LIMIT:
            raise ValueError("too large")
    return json.loads(b"".join(chunks).decode())


def read(items: list[dict], fingerprint: str) -> list[list[dict]] | None:
    """The running reader's statements (as JSON) for each item, or None to read in-process.

    An item is {"before": text, "text": text, "skip": {text: [[start, end], ...]}}.
    """
    path = socket_path(fingerprint)
    if path is None or not items:
        return None
    answer = _exchange(path, {"read": items}, _CONNECT + _PER_SENTENCE * len(items))
    if not answer or answer.get("fingerprint") != fingerprint:
        return None
    found = answer.get("statements")
    if not isinstance(found, list) or len(found) != len(items) or not all(isinstance(f, list) for f in found):
        return None
    return found


def status(fingerprint: str) -> dict | None:
    """The running reader's pid, start time and count of sentences read, or None when none runs."""
    path = socket_path(fingerprint)
    answer = _exchange(path, {"status": True}, _CONNECT) if path else None
    return answer if answer and answer.get("fingerprint") == fingerprint else None


def stop(fingerprint: str) -> bool:
    path = socket_path(fingerprint)
    return bool(path and _exchange(path, {"stop": True}, _CONNECT))


def start(fingerprint: str, idle_minutes: float = IDLE_MINUTES) -> dict:
    """Start a reader in the background (or find the one running) and return its status.

    Raises OSError when no reader can run here (no Unix sockets, or no private folder for one).
    """
    running = status(fingerprint)
    if running:
        return running
    if not spawn(fingerprint, idle_minutes):
        raise OSError("no private folder for the reader's socket (XDG_RUNTIME_DIR or the temporary folder)")
    deadline = time.monotonic() + _STARTED_WITHIN
    while time.monotonic() < deadline:
        time.sleep(0.1)
        running = status(fingerprint)
        if running:
            return running
    raise OSError(f"the reader did not answer within {_STARTED_WITHIN:.0f} s")


def spawn(fingerprint: str, idle_minutes: float = IDLE_MINUTES) -> bool:
    """Start a reader in the background without waiting for it; False when none can run here.

    A marker beside the socket says a reader is starting, so runs close together start one; a reader
    whose socket another replaced stops at its next look (_POLL)."""
    path = socket_path(fingerprint, create=True)
    if path is None:
        return False
    marker = _marker(path)
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        try:
            if time.time() - os.stat(marker).st_mtime < _STARTED_WITHIN:
                return True  # one is loading the parser now
            os.utime(marker)
        except OSError:
            return False
    except OSError:
        return False
    try:
        subprocess.Popen([sys.executable, "-m", "scocheck.reading.server", str(idle_minutes)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, close_fds=True)
    except OSError:
        return False
    return True


def serve(idle_minutes: float) -> None:
    """Listen on the socket until idle for idle_minutes or asked to stop (the background process)."""
    from .parser import nlp
    from .store import code_fingerprint, read_sentence

    fingerprint = code_fingerprint()
    path = socket_path(fingerprint, create=True)
    if path is None:
        return
    nlp()  # loaded before the socket exists: a run that finds the socket is never kept waiting
    started, sentences = time.time(), 0
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        listener.bind(str(temporary))
        os.chmod(temporary, 0o600)
        inode = os.stat(temporary).st_ino
        listener.listen(8)
        os.replace(temporary, path)  # a stale socket of a reader that died is replaced, never joined
        _remove(_marker(path))
        listener.settimeout(min(_POLL, idle_minutes * 60))
        last = time.monotonic()
        try:
            while True:
                try:
                    connection, _ = listener.accept()
                except TimeoutError:
                    if time.monotonic() - last >= idle_minutes * 60 or not _is_ours(path, inode):
                        return
                    continue
                last = time.monotonic()
                with connection:
                    try:
                        connection.settimeout(60)
                        request = _receive(connection)
                        if not isinstance(request, dict):
                            continue
                        answer = {"fingerprint": fingerprint}
                        if "read" in request:
                            answer["statements"] = [[s.as_json() for s in read_sentence(**_item(item))]
                                                    for item in request["read"]]
                            sentences += len(request["read"])
                        answer.update(pid=os.getpid(), started=started, sentences=sentences,
                                      idle_minutes=idle_minutes)
                        connection.sendall(json.dumps(answer, ensure_ascii=False).encode())
                    except (OSError, ValueError, TypeError, KeyError):
                        continue
                    if request.get("stop"):
                        return
        finally:
            _remove_own(path, inode)


def _item(item: dict) -> dict:
    skip = {text: [tuple(span) for span in spans] for text, spans in item["skip"].items()}
    return {"before": str(item["before"]), "text": str(item["text"]),
            "references": lambda text: skip.get(text, [])}


def _is_ours(path: Path, inode: int) -> bool:
    try:
        return os.stat(path).st_ino == inode
    except OSError:
        return False


def _remove_own(path: Path, inode: int) -> None:
    """Remove the socket unless a newer reader has put its own there."""
    if _is_ours(path, inode):
        _remove(path)


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".starting")


if __name__ == "__main__":
    serve(float(sys.argv[1]) if len(sys.argv) > 1 else IDLE_MINUTES)
