"""Safe loading of a bank file's YAML: fast for large honest banks, bounded for hostile ones.

Owns turning YAML text into plain data (``yaml.SafeLoader`` rules: no tags beyond the safe ones)
and the line of the ``questions`` list and of each question in it. Most bank files have no
anchors, aliases or explicit tags: they are built straight from libyaml's events, which is several
times faster than composing a node graph first (100,000 questions load in seconds). A file with
any of those takes PyYAML's own path, after a guard that counts the bytes its aliases expand to
(a "billion laughs", or a 2 MB stem used 3,000 times, would fill the memory of every later step).
"""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same rules, faster

MAX_ALIAS_GROWTH = 16 * 1024 * 1024
"""How many bytes aliases may add to a file once expanded (each node counts its text and 16 bytes)."""
_NODE_COST = 16


class AliasBomb(yaml.YAMLError):
    """Aliases that expand to far more data than the file holds (a "billion laughs"), or a cycle."""

    def __init__(self, problem: str, node) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = node.start_mark


class _NeedsFullLoader(Exception):
    """The fast path met something only PyYAML's composer handles (anchor, alias, tag, merge key…)."""


def load_with_lines(text: str):
    """(data, (line of `questions`, [line of each question])), lines 1-based."""
    raw = text.encode("utf-8")
    try:
        return _load_from_events(raw)
    except _NeedsFullLoader:
        return _load_full(raw)


# ---------------------------------------------------------------------------- the fast path

_STR = "tag:yaml.org,2002:str"


def _load_from_events(raw: bytes):
    loader = SafeLoader(raw)
    resolvers = loader.yaml_implicit_resolvers  # first character -> [(tag, regexp)]; no wildcards in SafeLoader
    construct = loader.construct_object
    get_event = loader.get_event
    # the event classes as locals: looked up once, not twice per event (1.5 million in a big bank)
    doc_end, alias, scalar_ev = yaml.DocumentEndEvent, yaml.AliasEvent, yaml.ScalarEvent
    map_start, map_end = yaml.MappingStartEvent, yaml.MappingEndEvent
    seq_start, seq_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    scalar_node = yaml.ScalarNode
    stack: list[list] = []  # [container, is_mapping, pending key, key given, collect lines]
    root = None
    q_line, lines = 1, []
    q_line_of_key = 1
    # the "questions" key of the root mapping: its sequence's items get their lines recorded
    try:
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return None, (q_line, lines)
        loader.get_event()  # DocumentStart
        while True:
            ev = get_event()
            cls = type(ev)
            if cls is doc_end:
                break
            if cls is alias or getattr(ev, "anchor", None) is not None:
                raise _NeedsFullLoader
            if cls is map_end or cls is seq_end:
                value = stack.pop()[0]
            else:
                if stack and stack[-1][4]:
                    lines.append(ev.start_mark.line + 1)
                if cls is scalar_ev:
                    if ev.implicit[0]:  # plain: resolved as SafeLoader does (null, bool, int, …)
                        tag = _STR
                        for candidate, regexp in resolvers.get(ev.value[:1], ()):
                            if regexp.match(ev.value):
                                tag = candidate
                                break
                    elif ev.tag is None or ev.tag == "!" or ev.implicit[1]:
                        tag = _STR
                    else:
                        raise _NeedsFullLoader  # an explicit tag: PyYAML says whether it is allowed
                    if tag == _STR:
                        value = ev.value
                    elif tag == "tag:yaml.org,2002:merge":
                        raise _NeedsFullLoader
                    else:
                        value = construct(scalar_node(tag, ev.value, ev.start_mark, ev.end_mark, ev.style))
                elif cls is seq_start or cls is map_start:
                    if ev.tag is not None and ev.tag != "!" and not ev.implicit:
                        raise _NeedsFullLoader
                    mapping = cls is map_start
                    collect = (not mapping and len(stack) == 1 and stack[0][1] and stack[0][3]
                               and stack[0][2] == "questions")
                    if collect:
                        q_line, lines = q_line_of_key, []
                    stack.append([{} if mapping else [], mapping, None, False, collect])
                    continue
                else:
                    raise _NeedsFullLoader
            if not stack:
                root = value
                continue
            top = stack[-1]
            if not top[1]:
                top[0].append(value)
            elif not top[3]:
                if isinstance(value, (list, dict)):
                    raise _NeedsFullLoader  # an unhashable key: PyYAML's message
                top[2], top[3] = value, True
                if len(stack) == 1:
                    q_line_of_key = ev.start_mark.line + 1 if value == "questions" else 1
            else:
                top[0][top[2]] = value
                top[2], top[3] = None, False
        if not loader.check_event(yaml.StreamEndEvent):
            raise _NeedsFullLoader  # a second document: PyYAML's message
    finally:
        loader.dispose()
    return root, (q_line, lines)


# ---------------------------------------------------------------------------- the full path


def _load_full(raw: bytes):
    loader = SafeLoader(raw)
    try:
        node = loader.get_single_node()
        if node is not None:
            own: list[int] = [0]
            expanded = _expanded_size(node, {}, set(), own)
            if expanded - own[0] > MAX_ALIAS_GROWTH:
                raise AliasBomb(f"别名（*名称）展开后有 {expanded / 2**20:.0f} MB，远大于文件本身；"
                                "请把值直接写出来", node)
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, _line_map(node)


def _expanded_size(node, memo: dict[int, int], active: set[int], own: list[int]) -> int:
    """Bytes of the document once aliases are expanded (``own[0]`` gets them counted once per node);
    raises AliasBomb for a cycle."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in active:
        raise AliasBomb("别名（*名称）引用了自身（递归的 YAML）", node)
    active.add(key)
    size = _NODE_COST
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo, active, own) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo, active, own) + _expanded_size(v, memo, active, own)
                    for k, v in node.value)
    else:
        size += len(node.value)
        own[0] += len(node.value)
    own[0] += _NODE_COST
    active.discard(key)
    memo[key] = size
    return size


def _line_map(node) -> tuple[int, list[int]]:
    q_line, lines = 1, []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "questions":
                q_line = key.start_mark.line + 1
                if isinstance(value, yaml.SequenceNode):
                    lines = [item.start_mark.line + 1 for item in value.value]
    return q_line, lines
