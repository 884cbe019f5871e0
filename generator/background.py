"""Work done in a forked child while this process goes on.

A build uses it to read half of a large project, to run the slow editorial
checks beside the rendering and to render in several processes; the preview,
to review a build without holding up the server. Only the result travels back,
pickled; the child inherits everything else.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class Background(Generic[T]):
    """Run ``work`` in a forked child while this process goes on; :meth:`result` waits for it.

    The result comes back pickled. Without fork, or if the child dies, the work
    is done in this process when the result is asked for, raising as it would.
    """

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._child: tuple[Connection, multiprocessing.process.BaseProcess] | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_send_result, args=(work, send, receive), daemon=True)
            process.start()
            send.close()
            self._child = (receive, process)

    def ready(self) -> bool:
        """Whether :meth:`result` would return at once."""
        return self._child is None or self._child[0].poll()

    def result(self) -> T:
        if self._child is not None:
            receive, process = self._child
            self._child = None
            try:
                done, value = receive.recv()
            except EOFError:
                done, value = False, None
            finally:
                receive.close()
                process.join()
            if done:
                return cast(T, value)
        return self._work()

    def cancel(self) -> None:
        if self._child is not None:
            receive, process = self._child
            self._child = None
            process.terminate()
            process.join()
            receive.close()


def _send_result(work: Callable[[], object], send: Connection, receive: Connection) -> None:
    # The parent's end, inherited: were the parent killed, a large result would otherwise
    # wait for ever for this process itself to read it.
    receive.close()
    try:
        send.send((True, work()))
    except KeyboardInterrupt:
        # Ctrl-C reaches every process of the terminal's group: the parent reports it.
        raise SystemExit(130) from None
    except Exception:
        send.send((False, None))  # done again in the parent, where the error is raised
    finally:
        send.close()
