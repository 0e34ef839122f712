"""Word segmentation: jieba's accurate mode with its HMM, the same words, in less time.

``cut(text)`` gives what ``jieba.lcut(text, HMM=True)`` gives with jieba's default tokenizer
(whatever its dictionary holds). Extraction segments every sentence of a document, which on a
long text costs as much as all the rest; this module does jieba's own steps with less work:

- jieba cuts a text into runs of Chinese (and ASCII word) characters and segments each run on
  its own, so a run said again (a clause every report repeats) is segmented once (kept per run,
  like ``functools.lru_cache``);
- a run's best path is found in one backward pass over the dictionary prefixes, without jieba's
  intermediate DAG dict and generator, and each word's log probability is computed once per
  word, not once per place (the same floating-point sums, in the same order, so the same ties);
- what jieba leaves to its HMM (runs of single characters not in the dictionary) goes through
  the same Viterbi search with jieba's own model (``jieba.finalseg``), unrolled over its four
  states, with back pointers instead of a copied path per state and step, and the same ties.
"""

from __future__ import annotations

import re
from functools import lru_cache
from math import log

RUNS_KEPT = 1 << 16
"""Segmented runs kept: a long document's distinct clauses, a few megabytes."""


class _Model:
    """jieba's dictionary and the pieces of it the cut uses, read once."""

    def __init__(self, jieba) -> None:
        from jieba import finalseg

        dt = jieba.dt
        dt.check_initialized()
        self.freq = dt.FREQ
        self.logtotal = log(dt.total)
        self.hmm = _Hmm(finalseg).cut
        self.re_han = jieba.re_han_default
        self.re_skip = jieba.re_skip_default
        # both patterns are one group of a repeated character class (jieba's own): their splits
        # alternate between what they do not match and what they match
        self.split_alternates = (self.re_han.pattern, self.re_skip.pattern) == (HAN_PATTERN, SKIP_PATTERN)
        self.logp: dict[str, float | bool] = {}

    def word_logp(self, frag: str) -> float | bool | None:
        """``log(FREQ[frag]) - log(total)`` as jieba computes it, kept for the next time; False
        for a prefix of dictionary words that is no word itself; None (not kept) for neither."""
        f = self.freq.get(frag)
        if f is None:
            return None
        p = self.logp[frag] = log(f) - self.logtotal if f else False
        return p

    def char_logp(self, char: str) -> float:
        """``log(FREQ.get(char) or 1) - log(total)``: a character standing alone."""
        return log(self.freq.get(char) or 1) - self.logtotal


HAN_PATTERN = "([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)"
SKIP_PATTERN = "(\r\n|\\s)"
"""jieba's ``re_han_default`` and ``re_skip_default``, the patterns ``cut`` knows the splits of."""

_model: _Model | None = None


def _get_model() -> _Model:
    global _model
    if _model is None:
        from quizgen.extract.terms import _tagger

        jieba, _ = _tagger()  # jieba imported and initialised quickly (terms._initialize)
        _model = _Model(jieba)
    return _model


def cut(text: str) -> tuple[str, ...]:
    """The words of ``text``, as ``jieba.lcut(text, HMM=True)``."""
    m = _get_model()
    out: list[str] = []
    re_han, re_skip = m.re_han, m.re_skip
    if not m.split_alternates:
        for blk in re_han.split(text):
            if not blk:
                continue
            if re_han.match(blk):
                out.extend(_run(blk))
            else:
                for x in re_skip.split(blk):
                    if re_skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return tuple(out)
    # split by a pattern of one group: the pieces between matches stand at even places (without
    # a character the pattern takes, so it does not match them), the matches at odd ones
    blocks = re_han.split(text)
    for i in range(1, len(blocks), 2):
        if blocks[i - 1]:
            _others(blocks[i - 1], re_skip, out)
        out.extend(_run(blocks[i]))
    if blocks[-1]:
        _others(blocks[-1], re_skip, out)
    return tuple(out)


def _others(blk: str, re_skip, out: list[str]) -> None:
    """Text between runs, as jieba cuts it: each space or line break alone, each other
    character alone."""
    pieces = re_skip.split(blk)
    for i in range(1, len(pieces), 2):
        out.extend(pieces[i - 1])
        out.append(pieces[i])
    out.extend(pieces[-1])


_MISS = object()


@lru_cache(maxsize=RUNS_KEPT)
def _run(blk: str) -> tuple[str, ...]:
    """One run of Chinese/ASCII word characters, as jieba's ``__cut_DAG`` cuts it."""
    m = _model
    freq, known, word_logp = m.freq, m.logp, m.word_logp
    n = len(blk)
    # best[k], end[k]: jieba's route[k] = (value, last index of the word starting at k)
    # (best[n] is 0.0 where jieba has an int 0: adding either to a float gives that float)
    best: list[float] = [0.0] * (n + 1)
    end = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        top = None
        top_x = k
        i = k
        frag = blk[k]
        while True:
            p = known.get(frag, _MISS)  # a word's log probability; False: only a prefix of words
            if p is _MISS:
                if frag not in freq:
                    break  # no dictionary word starts with frag
                p = word_logp(frag)
            if p is not False:
                v = p + best[i + 1]
                if top is None or v >= top:  # max((value, x)): a tie goes to the larger x
                    top, top_x = v, i
            i += 1
            if i == n:
                break
            frag = blk[k:i + 1]
        if top is None:  # no dictionary word starts here: the character alone
            top = m.char_logp(blk[k]) + best[k + 1]
            top_x = k
        best[k], end[k] = top, top_x
    return tuple(_words(blk, end, freq, m.hmm))


def _words(blk: str, end: list[int], freq: dict, hmm) -> list[str]:
    """The words along the route; runs of single characters jieba does not know go to its HMM."""
    out: list[str] = []
    x, buf, n = 0, "", len(blk)
    while x < n:
        y = end[x] + 1
        if y - x == 1:
            buf += blk[x:y]
        else:
            if buf:
                _flush(buf, freq, hmm, out)
                buf = ""
            out.append(blk[x:y])
        x = y
    if buf:
        _flush(buf, freq, hmm, out)
    return out


def _flush(buf: str, freq: dict, hmm, out: list[str]) -> None:
    if len(buf) == 1:
        out.append(buf)
    elif not freq.get(buf):
        out.extend(hmm(buf))
    else:
        out.extend(buf)


def forget() -> None:
    """Drop the segmented runs (a run's words stay right: this only frees memory)."""
    _run.cache_clear()


class _Hmm:
    """``jieba.finalseg.cut``: the words its HMM finds in characters the dictionary does not
    join, with its model and its Viterbi search (states B M E S, a word Begins, is in the Middle,
    Ends, or is a Single character)."""

    def __init__(self, finalseg) -> None:
        self.finalseg = finalseg
        low = finalseg.MIN_FLOAT
        self.low = low
        sp, tp, ep = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
        self.start = tuple(sp[y] for y in "BMES")
        self.emit = tuple(ep[y] for y in "BMES")
        self.emits: dict[str, tuple[float, float, float, float]] = {}
        """A character's four emission log probabilities (B M E S), looked up once for it."""
        # the transitions each state can come from (finalseg.PrevStatus): B from E S, M from B M,
        # E from B M, S from E S
        t = {(a, b): tp[a].get(b, low) for a in "BMES" for b in "BMES"}
        self.t = (t["E", "B"], t["S", "B"], t["B", "M"], t["M", "M"],
                  t["B", "E"], t["M", "E"], t["E", "S"], t["S", "S"])
        self.re_han = re.compile("([\u4E00-\u9FD5]+)")  # finalseg's own
        self.re_skip = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")

    def cut(self, text: str) -> list[str]:
        out: list[str] = []
        force = self.finalseg.Force_Split_Words
        for blk in self.re_han.split(text):
            if not blk:
                continue
            if self.re_han.match(blk):
                for word in self._words(blk):
                    if word not in force:
                        out.append(word)
                    else:
                        out.extend(word)
            else:
                for x in self.re_skip.split(blk):
                    if x:
                        out.append(x)
        return out

    def _emits(self, c: str) -> tuple[float, float, float, float]:
        low = self.low
        e = self.emits[c] = tuple(table.get(c, low) for table in self.emit)
        return e

    def _states(self, obs: str) -> list[str]:
        """The most likely states of ``obs``, as finalseg's ``viterbi``: the same sums in the
        same order; of two equal candidates the later state letter wins, as ``max`` of
        (probability, state) pairs decides."""
        tEB, tSB, tBM, tMM, tBE, tME, tES, tSS = self.t
        emits = self.emits
        c = obs[0]
        sB, sM, sE, sS = self.start
        eB, eM, eE, eS = emits.get(c) or self._emits(c)
        vB, vM, vE, vS = sB + eB, sM + eM, sE + eE, sS + eS
        back: list[tuple[str, str, str, str]] = []
        for c in obs[1:]:
            eB, eM, eE, eS = emits.get(c) or self._emits(c)
            a, b = vE + tEB + eB, vS + tSB + eB
            nB, pB = (a, "E") if a > b else (b, "S")
            a, b = vB + tBM + eM, vM + tMM + eM
            nM, pM = (a, "B") if a > b else (b, "M")
            a, b = vB + tBE + eE, vM + tME + eE
            nE, pE = (a, "B") if a > b else (b, "M")
            a, b = vE + tES + eS, vS + tSS + eS
            nS, pS = (a, "E") if a > b else (b, "S")
            back.append((pB, pM, pE, pS))
            vB, vM, vE, vS = nB, nM, nE, nS
        state = "E" if vE > vS else "S"
        states = [state]
        at = "BMES"
        for step in reversed(back):
            state = step[at.index(state)]
            states.append(state)
        states.reverse()
        return states

    def _words(self, blk: str) -> list[str]:
        """finalseg's ``__cut``: a word from each B to its E, an S alone, a tail left as one."""
        out: list[str] = []
        begin = nexti = 0
        for i, pos in enumerate(self._states(blk)):
            if pos == "B":
                begin = i
            elif pos == "E":
                out.append(blk[begin:i + 1])
                nexti = i + 1
            elif pos == "S":
                out.append(blk[i])
                nexti = i + 1
        if nexti < len(blk):
            out.append(blk[nexti:])
        return out
