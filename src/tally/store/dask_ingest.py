"""``tally ingest DUMP --dask ADDRESS``: the extraction on a dask.distributed cluster.

``ADDRESS`` is ``local`` (a LocalCluster on 127.0.0.1: worker processes with one
thread each, no dashboard, its logs silenced) or the ``tcp://host:port`` of a
running scheduler, whose workers must have tally installed. The parent
streams the pages and writes the records exactly as with ``--workers``
(:func:`tally.store.parallel.run_ingest`); only the executor differs: each
task (a batch for :func:`tally.store.parallel._work`, or a byte range of a
multistream dump for :func:`tally.store.parallel._work_range`, which the
worker reads from the same path: a file system the workers share) goes
through ``Client.submit``, at most ``4 *`` the cluster's threads at a time.
A worker that dies is replaced by its nanny and its task run again elsewhere;
a task whose workers die too often (dask's ``allowed-failures``) ends the run
with one error line (:class:`tally.store.parallel.WorkerLost`).

dask.distributed is optional (``pip install 'tally[dask]'``); it is imported
only here.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from ..errors import TallyError
from .parallel import Getter, Submit, WorkerLost


class _Batch:
    """A task's arguments as one opaque value (dask must not look inside a batch's list for tasks)."""

    __slots__ = ("items",)

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __getstate__(self) -> list[Any]:
        return self.items

    def __setstate__(self, items: list[Any]) -> None:
        self.items = items


def _run(fn: Callable[..., list[tuple[str, Any]]], args: _Batch) -> list[tuple[str, Any]]:
    return fn(*args.items)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise TallyError("--dask needs dask.distributed: pip install 'tally[dask]'") from None
    return distributed


def local_cluster(workers: int = 2) -> Any:
    """A LocalCluster on 127.0.0.1: ``workers`` processes of one thread, no
    dashboard (its HTTP server on a free port), logs below ERROR silenced."""
    distributed = _import_distributed()
    try:
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                                        scheduler_kwargs={"dashboard": False,
                                                          "dashboard_address": "127.0.0.1:0"})
    except Exception as exc:  # noqa: BLE001 - any start-up failure is one line
        raise TallyError(f"cannot start a dask LocalCluster: {type(exc).__name__}: {exc}") from None


@contextmanager
def dask_client(address: str, workers: int = 2) -> Iterator[Any]:
    """A connected ``distributed.Client``: to a new LocalCluster of ``workers``
    processes for ``local``, else to the scheduler at ``address``."""
    distributed = _import_distributed()
    if address == "local":
        cluster = local_cluster(workers)
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    if "://" not in address:
        raise TallyError(f"--dask takes 'local' or a scheduler address tcp://host:port, not {address!r}")
    try:
        client = distributed.Client(address, timeout=20)
    except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError...
        raise TallyError(f"cannot reach the dask scheduler at {address}: {type(exc).__name__}: {exc}") from None
    with client:
        yield client


@contextmanager
def dask_executor(address: str, workers: int = 2) -> Iterator[tuple[Submit, int]]:
    """``(submit, window)`` over a dask cluster (see :func:`tally.store.parallel.local_executor`)."""
    distributed = _import_distributed()
    with dask_client(address, workers) as client:
        threads = sum(client.nthreads().values()) or 1

        def submit(fn: Callable[..., list[tuple[str, Any]]], *args: Any) -> Getter:
            future = client.submit(_run, fn, _Batch(list(args)), pure=False)

            def get() -> list[tuple[str, Any]]:
                try:
                    return future.result()
                except distributed.KilledWorker as exc:  # the task's workers died too often
                    raise WorkerLost(f"dask workers died while extracting ({exc})") from None

            return get

        yield submit, 4 * threads
