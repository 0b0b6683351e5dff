"""Issue 25, section 3: ``.bz2`` inputs decompressed on several threads give the
bz2 module's bytes, and its errors at the same point."""

from __future__ import annotations

import bz2
import os
import random
import sys

import pytest

from tally.readers import open_binary, read
from tally.readers.decompress import ParallelBz2, open_bz2, parallel_available

needs_parallel = pytest.mark.skipif(not parallel_available(), reason="indexed_bzip2 is not installed")


def _text(seed: int, words: int) -> bytes:
    rng = random.Random(seed)
    vocab = "market convoy toll ministry wounded killed village river bridge bus ambush".split()
    return " ".join(f"{rng.choice(vocab)}{rng.randint(0, 9999)}" for _ in range(words)).encode()


@pytest.fixture(scope="module")
def text() -> bytes:
    return _text(1, 400_000)  # about 4 MB: some 40 blocks at level 1


def _read(fp, size: int = 65536) -> bytes:
    chunks = []
    with fp:
        while chunk := fp.read(size):
            chunks.append(chunk)
    return b"".join(chunks)


@needs_parallel
@pytest.mark.parametrize("threads", [1, 2, 4])
def test_parallel_reader_gives_the_bz2_modules_bytes(tmp_path, text, threads):
    path = tmp_path / "one-stream.bz2"
    path.write_bytes(bz2.compress(text, 1))
    fp = open_bz2(path, threads)
    assert isinstance(fp.raw, ParallelBz2)
    assert _read(fp) == _read(bz2.open(path, "rb")) == text


@needs_parallel
def test_several_streams_one_after_another(tmp_path, text):
    """A multistream dump, or pbzip2's output: streams one after the other."""
    path = tmp_path / "streams.bz2"
    parts = [text[i:i + 300_000] for i in range(0, len(text), 300_000)]
    path.write_bytes(b"".join(bz2.compress(p, 9) for p in parts))
    assert _read(open_bz2(path, 2), 7777) == _read(bz2.open(path, "rb")) == text


@needs_parallel
def test_a_truncated_file_gives_the_same_bytes_then_the_same_error(tmp_path, text):
    data = bz2.compress(text, 1)
    path = tmp_path / "cut.bz2"
    path.write_bytes(data[: len(data) * 2 // 3])
    got, want = bytearray(), bytearray()
    for fp, out in ((open_bz2(path, 2), got), (bz2.open(path, "rb"), want)):
        with pytest.raises(EOFError):
            with fp:
                while chunk := fp.read(100_000):
                    out += chunk
    assert len(got) > len(text) // 3 and got == want


@needs_parallel
@pytest.mark.parametrize("damage", ["bit flip", "garbage after the header", "not bz2", "empty file"])
def test_damaged_files_fail_as_with_the_bz2_module(tmp_path, text, damage):
    data = bz2.compress(text, 1)
    rng = random.Random(3)
    if damage == "bit flip":
        b = bytearray(data)
        b[len(b) // 2] ^= 0x08
        data = bytes(b)
    elif damage == "garbage after the header":  # the parallel block search alone would skip to a later block
        data = data[:4] + rng.randbytes(3000) + data[30_000:]
    elif damage == "not bz2":
        data = b"<mediawiki>" + rng.randbytes(2000)
    else:
        data = b""
    path = tmp_path / "bad.bz2"
    path.write_bytes(data)

    def outcome(fp):
        try:
            return "ok", _read(fp, 1 << 20)
        except (OSError, EOFError) as exc:
            return type(exc).__name__, None

    want = outcome(bz2.open(path, "rb"))
    assert outcome(open_bz2(path, 2)) == want
    assert want[0] != "ok"


def test_without_indexed_bzip2_the_bz2_module_reads(tmp_path, monkeypatch, text):
    path = tmp_path / "x.bz2"
    path.write_bytes(bz2.compress(text[:5000]))
    monkeypatch.setitem(sys.modules, "indexed_bzip2", None)  # an install without it: the import fails
    assert not parallel_available()
    fp = open_binary(path)
    assert isinstance(fp, bz2.BZ2File) and _read(fp) == text[:5000]


def test_threads_zero_uses_the_bz2_module(tmp_path, monkeypatch, text):
    path = tmp_path / "x.bz2"
    path.write_bytes(bz2.compress(text[:5000]))
    monkeypatch.setenv("TALLY_BZ2_THREADS", "0")
    fp = open_binary(path)
    assert isinstance(fp, bz2.BZ2File) and _read(fp) == text[:5000]


@needs_parallel
def test_a_truncated_dump_read_in_parallel_names_the_file(tmp_path):
    xml = ("<mediawiki>" + "".join(
        f"<page><title>P{i}</title><ns>0</ns><id>{i}</id><revision><id>{i}</id><timestamp>2030-01-01T00:00:00Z"
        f"</timestamp><text>{_text(i, 3000).decode()}</text></revision></page>" for i in range(1, 40))
        + "</mediawiki>").encode()
    data = bz2.compress(xml, 1)
    path = tmp_path / "cut.xml.bz2"
    path.write_bytes(data[: len(data) // 2])
    items = []
    with pytest.raises(Exception) as info:
        for doc in read(path):
            items.append(doc)
    assert str(info.value) == f"{path}: compressed data ends early: the file is truncated"
    assert 5 < len(items) < 39 and os.environ.get("TALLY_BZ2_THREADS") is None
