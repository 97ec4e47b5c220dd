"""SQLite when another writer holds the lock, when the disk is full and when it turns read-only.

The disk is a real one: a tmpfs of 2 MB mounted for the test (root only; without it the test
skips, and fails under CI), filled up or remounted read-only under a running engine.
"""

import sqlite3
import subprocess
import threading
import time

import pytest

from interview.api import InterviewAPI
from interview.storage.faults import outage
from tests.e2e.harness import unavailable
from tests.unit.test_api_errors import GOOD, assert_envelope, new_session


def hold_write_lock(path, seconds: float) -> threading.Thread:
    """Another writer: BEGIN IMMEDIATE on the file, held for `seconds`, then rolled back."""
    taken = threading.Event()

    def hold():
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        taken.set()
        threading.Event().wait(seconds)  # not time.sleep, which a page test may have patched
        other.execute("ROLLBACK")
        other.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(5)
    return holder


def test_a_write_waits_out_a_three_second_lock_and_is_stored_once(tmp_path):
    api = InterviewAPI.from_url(f"sqlite:///{tmp_path / 'db.sqlite'}", rate_limit_per_second=None)
    session_id = new_session(api)
    holder = hold_write_lock(tmp_path / "db.sqlite", 3)
    started = time.monotonic()
    result = api.submit_answer(session_id, 0, GOOD)
    assert result["code"] == 200 and time.monotonic() - started >= 2.5
    holder.join()
    questions = api.get_session(session_id)["data"]["questions"]
    assert [q["userAnswer"] for q in questions if q["answered"]] == [GOOD]
    api.close()


def test_a_lock_held_past_the_timeout_is_a_busy_503_that_writes_nothing(tmp_path, caplog):
    path = tmp_path / "db.sqlite"
    api = InterviewAPI.from_url(f"sqlite:///{path}?timeout=1", rate_limit_per_second=None)
    session_id = new_session(api)
    assert api.save_answer(session_id, 0, "the draft before the lock")["code"] == 200
    holder = hold_write_lock(path, 2.5)
    assert_envelope(api.submit_answer(session_id, 0, GOOD), 503, "Database busy")
    assert_envelope(api.save_answer(session_id, 0, "lost?"), 503, "Database busy")
    holder.join()
    assert not any(record.exc_info for record in caplog.records)  # an outage, not a bug
    session = api.get_session(session_id)["data"]
    assert session["currentIndex"] == 0
    assert session["questions"][0]["userAnswer"] == "the draft before the lock"
    assert api.submit_answer(session_id, 0, GOOD)["code"] == 200
    api.close()


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs mounted at tmp_path/disk, unmounted after the test."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        unavailable(f"cannot mount a small tmpfs (needs root): {mounted.stderr.decode()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def remount(disk, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(disk)], check=True)


def test_a_full_disk_is_a_507_that_damages_nothing(small_disk):
    api = InterviewAPI.from_url(f"sqlite:///{small_disk / 'db.sqlite'}", rate_limit_per_second=None)
    session_id = new_session(api)
    assert api.submit_answer(session_id, 0, GOOD)["code"] == 200
    filler = small_disk / "filler"
    with filler.open("wb") as fill, pytest.raises(OSError):
        while True:  # until the disk says no more
            fill.write(b"\0" * 65536)
            fill.flush()
    long_answer = "A long answer about caches and queues. " * 500
    result = api.submit_answer(session_id, 1, long_answer)
    assert_envelope(result, 507, "Database not writable")
    filler.unlink()
    session = api.get_session(session_id)["data"]
    assert session["currentIndex"] == 1
    assert session["questions"][0]["userAnswer"] == GOOD
    assert session["questions"][1]["userAnswer"] is None
    assert api.submit_answer(session_id, 1, long_answer)["code"] == 200
    api.close()
    with sqlite3.connect(small_disk / "db.sqlite") as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_read_only_database_is_an_outage_and_keeps_what_it_had(small_disk):
    url = f"sqlite:///{small_disk / 'db.sqlite'}"
    api = InterviewAPI.from_url(url, rate_limit_per_second=None)
    session_id = new_session(api)
    assert api.submit_answer(session_id, 0, GOOD)["code"] == 200
    api.close()  # a filesystem with files open for writing cannot be remounted read-only
    remount(small_disk, "ro")
    # A WAL database cannot even be opened read-only: the page says error.app_unavailable.
    with pytest.raises(Exception) as refused:
        InterviewAPI.from_url(url, rate_limit_per_second=None)
    assert outage(refused.value) is not None
    remount(small_disk, "rw")
    api = InterviewAPI.from_url(url, rate_limit_per_second=None)
    session = api.get_session(session_id)["data"]
    assert session["currentIndex"] == 1 and session["questions"][0]["userAnswer"] == GOOD
    assert api.submit_answer(session_id, 1, GOOD)["code"] == 200
    api.close()
