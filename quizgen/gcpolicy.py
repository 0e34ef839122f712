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
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

EXTRACT_THRESHOLDS = (100_000, 50, 1000)


@contextmanager
def few_collections() -> Iterator[None]:
    """Run the block with ``EXTRACT_THRESHOLDS``; the previous thresholds afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*EXTRACT_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
