"""Safe YAML loading that remembers the line of every mapping, for error messages.

Only plain data is built (a SafeLoader: no Python tags). Before anything is
built, a document is refused when it nests deeper than MAX_DEPTH (libyaml's
composer recurses in C and would crash the process) or when its aliases would
expand to more than MAX_VALUES values (a "billion laughs"). A key given twice in
one mapping is an error, not a silent overwrite.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError
from .files import read_text

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 64
MAX_VALUES = 1_000_000
_MERGE_TAG = "tag:yaml.org,2002:merge"


class LineDict(dict):
    """A mapping from YAML that knows the 1-based line it started on."""

    line: int = 0


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct(loader: _Loader, node: yaml.Node) -> object:
    """A value, with a constructor's complaint (a bad date, a huge integer) tied to its line."""
    try:
        return loader.construct_object(node, deep=True)
    except InputError:
        raise
    except yaml.YAMLError:
        raise
    except (ValueError, TypeError, OverflowError) as error:
        raise InputError(None, f"invalid value: {' '.join(str(error).split())[:200]}", node.start_mark.line + 1) from None


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    seen: set = set()
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG:
            continue
        key = _construct(loader, key_node)
        try:
            duplicate = key in seen
        except TypeError:
            raise InputError(None, "a mapping key must be a plain value", key_node.start_mark.line + 1) from None
        if duplicate:
            raise InputError(None, f"duplicate key {str(key)[:80]!r}", key_node.start_mark.line + 1)
        seen.add(key)
    loader.flatten_mapping(node)
    result = LineDict()
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        try:
            hash(key)
        except TypeError:
            raise InputError(None, "a mapping key must be a plain value", key_node.start_mark.line + 1) from None
        result[key] = _construct(loader, value_node)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _check_depth(text: str) -> None:
    """Refuse deep nesting from the parser's events (the parser keeps its own stack; nothing recurses)."""
    depth = 0
    loader = _Base(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise InputError(None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark.line + 1)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def _check_size(node: yaml.Node) -> None:
    """Refuse a document whose aliases expand to more than MAX_VALUES values, nest deeper
    than MAX_DEPTH once expanded, or refer to themselves (which nothing could print)."""
    known: dict[int, tuple[int, int]] = {}  # id(node) -> (values, depth) once expanded
    open_nodes: set[int] = set()

    def measure(item: yaml.Node) -> tuple[int, int]:
        key = id(item)
        if key in known:
            return known[key]
        if key in open_nodes:
            raise InputError(None, "an alias refers to the collection it stands in", item.start_mark.line + 1)
        children: list[yaml.Node] = []
        if isinstance(item, yaml.SequenceNode):
            children = list(item.value)
        elif isinstance(item, yaml.MappingNode):
            children = [part for pair in item.value for part in pair]
        open_nodes.add(key)
        values, depth = 1, 0
        for child in children:
            child_values, child_depth = measure(child)
            values = min(values + child_values, MAX_VALUES + 1)
            depth = max(depth, child_depth)
        open_nodes.discard(key)
        depth += 1 if children or isinstance(item, yaml.CollectionNode) else 0
        if values > MAX_VALUES:
            raise InputError(None, f"aliases expand to more than {MAX_VALUES:,} values")
        if depth > MAX_DEPTH:
            raise InputError(None, f"aliases nest more than {MAX_DEPTH} levels deep", item.start_mark.line + 1)
        known[key] = (values, depth)
        return values, depth

    measure(node)


def load_yaml(path: Path) -> object:
    """The YAML document in path; InputError naming the file and line when it is not valid."""
    text = read_text(path)
    try:
        _check_depth(text)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_size(node)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except InputError as error:
        raise InputError(path, error.message, error.line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join((error.problem or error.context or "malformed").split())
        raise InputError(path, f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as error:  # e.g. a control character the reader refuses
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise InputError(path, f"invalid YAML: {' '.join(str(problem).split())}", mark.line + 1 if mark else None) from None
    except RecursionError:
        raise InputError(path, "invalid YAML: nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as error:  # a scalar outside a mapping that cannot be built
        raise InputError(path, f"invalid YAML: {' '.join(str(error).split())[:200]}") from None
