"""Work in a forked child: its result comes back, or the work is done here."""

from __future__ import annotations

import os
import time

import pytest

from generator.background import Background


def test_background_work_is_done_here_when_its_child_dies() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)  # the child is killed before it answers
        return 42

    assert Background(work).result() == 42
    assert Background(lambda: [os.getpid()]).result() != [parent], "a child did the work"


def test_a_cancelled_child_is_gone_and_ready() -> None:
    child = Background(lambda: time.sleep(30))
    assert not child.ready()
    child.cancel()
    assert child.ready()


def test_ctrl_c_in_a_child_ends_it_quietly(capfd) -> None:
    def interrupted() -> None:
        if os.getpid() != parent:
            raise KeyboardInterrupt
        raise RuntimeError("done here")  # the parent does the work again, as for any death

    parent = os.getpid()
    child = Background(interrupted)
    with pytest.raises(RuntimeError, match="done here"):
        child.result()
    assert "Traceback" not in capfd.readouterr().err
