"""Read YAML bank files safely: regular files only, no tags, no aliases, no duplicate keys, bounded size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .inputs import NotAFile, open_regular

MAX_FILE_BYTES = 256 * 1024


class YamlError(Exception):
    """A file that is not acceptable YAML for a bank; the message says where."""


# LibYAML's C parser when PyYAML has it (ten times faster over a whole bank).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader (no tags that build objects) that also refuses duplicate keys."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # type: ignore[override]
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:
                raise YamlError(f"line {key_node.start_mark.line + 1}: unhashable key") from None
            if duplicate:
                raise YamlError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_bytes(path: Path) -> bytes:
    """A bank or blueprint file's bytes, refusing FIFOs, devices and oversized files."""
    try:
        with open_regular(path, max_bytes=MAX_FILE_BYTES) as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except NotAFile as exc:
        raise YamlError(str(exc)) from None
    except OSError as exc:
        raise YamlError(f"cannot read: {exc.strerror}") from None


def read_text(path: Path) -> str:
    """A bank or blueprint file's text, refusing oversized, non-regular or non-UTF-8 files."""
    return decode(read_bytes(path))


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise YamlError("not UTF-8 text") from None


def parse_yaml(text: str) -> Any:
    """Parse YAML text; raise YamlError with a one-line reason."""
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.AliasEvent):  # refuse billion-laughs expansion up front
                line = event.start_mark.line + 1 if event.start_mark is not None else "?"
                raise YamlError(f"line {line}: YAML aliases are not allowed")
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise YamlError(f"{where}{exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).splitlines()[0]) from None


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; raise YamlError with a one-line reason."""
    return parse_yaml(read_text(path))
