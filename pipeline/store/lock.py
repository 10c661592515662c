"""One ingest per database at a time: a lock file beside it holds the running ingest's PID.

A lock left by a run that was killed is taken over; half-written files of dead runs are removed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import IngestError
from pipeline.store.writer import remove_stale_files


@contextlib.contextmanager
def writing(db: Path) -> Iterator[None]:
    """Hold the database's lock for the block; raise ``IngestError`` when another ingest holds it."""
    lock = db.with_name(db.name + ".lock")
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise IngestError(f"cannot write beside {db}: a file stands where its folder should be") from None
    except OSError as err:
        raise IngestError(f"cannot write beside {db}: {err.strerror} (give another --db)") from None
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            holder = lock.read_text(encoding="ascii").strip() or "?"
            if holder.isdigit() and alive(int(holder)):
                raise IngestError(
                    f"another ingest (PID {holder}) is writing {db}; wait for it to finish"
                ) from None
            lock.unlink(missing_ok=True)  # left behind by a run that was killed
        except OSError as err:
            raise IngestError(f"cannot write beside {db}: {err.strerror} (give another --db)") from None
    else:
        raise IngestError(f"cannot take the lock {lock}; remove it if no ingest is running")
    try:
        os.write(fd, str(os.getpid()).encode("ascii"))
        os.close(fd)
        remove_stale_files(db, alive=alive)
        yield
    finally:
        lock.unlink(missing_ok=True)


def alive(pid: int) -> bool:
    """Whether a process with this PID is running."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
