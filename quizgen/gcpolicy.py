"""Garbage collection while one document is extracted: the young objects collected less often,
the whole heap not scanned over and over.

Extraction builds one document's sentences, candidates, facts and questions, and keeps most of
them until the questions are written: the heap grows with the document. Python's cycle
collector scans its oldest generation, all of that heap, each time enough objects survived, so
on a long text full scans come back again and again and their cost grows faster than the text
(on 870,000 characters: 1.3 s of 9 s in the collector, 1 s of it in full scans). Nearly nothing
extraction makes is cyclic garbage (objects are freed by their reference counts), so during a
document the first generation is collected every 100,000 allocations instead of 700 and the
older ones about never; the usual thresholds come back after it.

``paused_gc`` is the same for reading a bank: building a large bank makes hundreds of thousands
of objects and no garbage, and the cyclic collector, run again and again over all of them, would
cost more than the building itself (a third of a 100,000-question load).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

EXTRACT_THRESHOLDS = (100_000, 50, 1000)


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Run the block with ``EXTRACT_THRESHOLDS``; the previous thresholds afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*EXTRACT_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextlib.contextmanager
def paused_gc():
    """No cyclic garbage collection inside (reference counting still frees everything); the
    collector's state is restored after, also when the block fails."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
