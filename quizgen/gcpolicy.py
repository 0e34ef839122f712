"""Garbage collection while one document is extracted or a bank is read: none, the cyclic
collector paused and the usual state back after.

Extraction builds one document's sentences, candidates, facts and questions, and keeps most of
them until the questions are written: the heap grows with the document. Each collection of
Python's cycle collector scans the objects that survived since the last one, so however seldom
it runs, it scans about every object extraction makes, and a full collection scans all of the
heap (on 870,000 characters, with the young objects collected every 100,000 allocations and
full collections about never, 0.3 s of 9 s was still spent in the collector). What extraction makes holds no cycles: its objects
are freed by their reference counts (a collection after extracting each text of the corpus and
the 870,000-character one finds no cyclic garbage), so the collector finds nothing to free and
is paused while a document is extracted.

Reading a bank is alike: building a large bank makes hundreds of thousands of objects and no
garbage, and the cyclic collector, run again and again over all of them, would cost more than
the building itself (a third of a 100,000-question load).
"""

from __future__ import annotations

import contextlib
import gc


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
