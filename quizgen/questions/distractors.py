"""Wrong options of the same kind as the answer.

Years get nearby years of the same form (1954年 -> 1952年; 二〇三五年 -> 二〇三〇年; 60年代 ->
70年代); numbers nearby numbers with the same measure word; ordinals the neighbouring ordinals;
counted formulas another count of the same measure word (三个意识 for 四个意识; none for a name that
counts twice, 两学一做); terms sibling terms of the same document (other enumeration
members, other terms of similar length and ending) and of the shipped glossary of formulations.
A distractor is never the answer, never in the source sentence, never a duplicate.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from functools import lru_cache

from quizgen.textnorm import norm

CN_DIGITS = "〇一二三四五六七八九"
CN_NUM = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def rng_for(key: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big"))


def _cn_to_int(s: str) -> int | None:
    """一 .. 九十九 -> int."""
    if not s or any(ch not in CN_NUM and ch != "十" for ch in s):
        return None
    if "十" not in s:
        return CN_NUM[s] if len(s) == 1 else None
    a, _, b = s.partition("十")
    tens = CN_NUM.get(a, 1) if a else 1
    ones = CN_NUM.get(b, 0) if b else 0
    return tens * 10 + ones


def _int_to_cn(n: int) -> str:
    if n < 10:
        return "零一二三四五六七八九"[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else "零一二三四五六七八九"[tens]) + "十" + ("" if ones == 0 else "零一二三四五六七八九"[ones])


def year_variants(span: str) -> list[str]:
    m = re.fullmatch(r"(\d{4})年", span)
    if m:
        y = int(m.group(1))
        return [f"{y + d}年" for d in (-2, 2, -4, 4, -1, 1, -5, 5, 10, -10)]
    m = re.fullmatch(r"([〇一二三四五六七八九零]{4})年", span)
    if m:
        y = int("".join(str(CN_NUM[c]) for c in m.group(1)))
        step = 5 if y % 5 == 0 else 1
        out = []
        for d in (step, -step, 3 * step, 2 * step, -2 * step, 15):
            out.append("".join(CN_DIGITS[int(c)] for c in str(y + d)) + "年")
        return out
    m = re.fullmatch(r"(\d)0年代", span)
    if m:
        d = int(m.group(1))
        return [f"{x}0年代" for x in (d - 1, d + 1, d - 2, d + 2, d + 3) if 0 <= x <= 9]
    m = re.fullmatch(r"([一二三四五六七八九])十年代", span)
    if m:
        d = CN_NUM[m.group(1)]
        return [f"{_int_to_cn(x)}十年代" for x in (d - 1, d + 1, d - 2, d + 2) if 1 <= x <= 9]
    return []


def number_variants(span: str) -> list[str]:
    m = re.fullmatch(r"第([一二三四五六七八九十百零〇\d]+)(次|届|个|号)", span)
    if m:
        if m.group(1).isdigit():
            n = int(m.group(1))
            vals = [str(n + d) for d in (-1, 1, -2, 2) if n + d > 0]
        else:
            n = _cn_to_int(m.group(1))
            if n is None:
                return []
            vals = [_int_to_cn(n + d) for d in (-1, 1, -2, 2) if 0 < n + d < 100]
        return [f"第{v}{m.group(2)}" for v in vals]
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(.*)", span)
    if not m:
        return []
    num, unit = m.group(1), m.group(2)
    if "." in num:
        x = float(num)
        digits = len(num.split(".")[1])
        vals = [f"{x + d * 10 ** -digits * k:.{digits}f}" for k, d in ((1, 5), (1, -5), (1, 10), (1, 3))]
        vals = [v for v in vals if float(v) > 0]
    else:
        n = int(num)
        if n < 10:
            deltas = (1, -1, 2, 3, -2)
        else:
            mag = 10 ** max(0, len(num) - 2)
            zeros = len(num) - len(num.rstrip("0"))
            if zeros and 10 ** zeros > mag:
                mag = 10 ** zeros  # a round figure (近30%) among round ones: 20%, 40%, not 33%
                deltas = tuple(d * mag for d in (-1, 1, 2, -2, 3))
            else:
                deltas = tuple(d * mag for d in (-3, 3, 1, -1, 5, 2, -2))
        vals = [str(n + d) for d in deltas if n + d > 0 and len(str(n + d)) == len(num)]
    return [v + unit for v in vals]


MEASURED = re.compile(r"(十[一二三四五六七八九]|[两二三四五六七八九十])((?:个|大|项|种|条|类|支|点|句|字|位|方面|件|批)"
                      r"(?![一二三四五六七八九十两]).*)")
"""A count with its measure word (四个意识, 八项行动, 三大法宝): another count of the same thing
is a formula of the same shape. A name that counts twice (两学一做, 三严三实, 五位一体) has no
other counts: 三学一做 and 四位一体 exist nowhere."""


def formula_variants(span: str) -> list[str]:
    m = MEASURED.fullmatch(span)
    if not m:
        return []
    count = 2 if m.group(1) == "两" else _cn_to_int(m.group(1)) or 0
    rest = m.group(2)
    out = []
    for d in (1, 2, -1, 3):
        n = count + d
        if n >= 2:
            word = "两" if n == 2 else _int_to_cn(n)
            out.append(word + rest)
    return out


def _similar(a: str, b: str) -> float:
    """How much two terms look like siblings: similar length, shared ending or beginning."""
    score = 1.0 - abs(len(a) - len(b)) / max(len(a), len(b))
    if a[-1] == b[-1]:
        score += 0.5
    if len(a) > 2 and len(b) > 2 and a[-2:] == b[-2:]:
        score += 0.5
    if a[0] == b[0]:
        score += 0.2
    return score


@lru_cache(maxsize=64)
def _pool_index(pool: tuple[str, ...]) -> tuple[dict[str, list[str]], dict[int, list[str]]]:
    """Pool texts by last character and by length, so a search looks at near ones only."""
    by_last: dict[str, list[str]] = {}
    by_len: dict[int, list[str]] = {}
    for p in dict.fromkeys(pool):
        if 2 <= len(p) <= 16:
            by_last.setdefault(p[-1], []).append(p)
            by_len.setdefault(len(p), []).append(p)
    return by_last, by_len


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _digits_like(span: str, values: list[str]) -> list[str]:
    """Write the variants with the same digits as the answer (１９５６年 -> １９５８年)."""
    if re.search(r"[０-９]", span):
        return [v.translate(FULLWIDTH) for v in values]
    return values


def pick(answer: str, kind: str, sentence: str, pool: list[str], k: int = 3, key: str = "",
         exclude: tuple[str, ...] = ()) -> list[str]:
    """Up to ``k`` distractors for ``answer``: same kind, plausible, never a correct answer."""
    if kind == "year":
        cands = _digits_like(answer, year_variants(unicodedata.normalize("NFKC", answer)))
    elif kind == "number":
        cands = _digits_like(answer, number_variants(unicodedata.normalize("NFKC", answer)))
    elif kind == "formula":
        # a known formula's parallel formulas (四个意识 -> 四个自信) first, then other counts
        cands = [p for p in pool if re.match(r"[两二三四五六七八九十]", p)] + formula_variants(answer)
    else:
        by_last, by_len = _pool_index(tuple(pool))
        n = len(answer)
        near = set(by_last.get(answer[-1:], ())[:40])
        for m in (n, n - 1, n + 1):
            near.update(by_len.get(m, ())[:20])
        ranked = sorted(near, key=lambda p: (-_similar(answer, p), p))
        cands = ranked[: 3 * k]
        rng_for(key or answer).shuffle(cands)
        cands.sort(key=lambda p: -round(_similar(answer, p), 1))
    seen = {norm(answer)} | {norm(e) for e in exclude}
    out: list[str] = []
    nsent = norm(sentence)
    for c in cands:
        nc = norm(c)
        if not nc or nc in seen or nc in nsent or norm(answer) in nc or nc in norm(answer):
            continue
        if kind in ("term", "principle", "enumeration") and re.search(r"\d", c):
            continue
        seen.add(nc)
        out.append(c)
        if len(out) == k:
            break
    return out
