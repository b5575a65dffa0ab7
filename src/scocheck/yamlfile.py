"""Safe YAML loading that remembers the line of every mapping, for error messages."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError, read_text

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping from YAML that knows the 1-based line it started on."""

    line: int = 0


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise InputError(None, "a mapping key must be a plain value", key_node.start_mark.line + 1) from None
        result[key] = loader.construct_object(value_node, deep=True)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(path: Path) -> object:
    """The YAML document in path; InputError naming the file and line when it is not valid."""
    text = read_text(path)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
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
