"""The one way every file of the course is validated: typed dataclasses, checked field by
field, failing with the file and the field that is wrong.

Answer keys, the modules list, the language rules, the learner's catalogue and progress
file are all declared as dataclasses whose field types say what each value must be.
:func:`load_model` checks parsed YAML or JSON against such a class and builds it, or
raises the caller's error naming the file and the field::

    course/keys/x.yaml: field 'fields.widget.points': must be at least 1

Constraints ride on the types with :class:`Rule` (``Annotated[str, Rule(min_length=1)]``);
a class may check what spans several fields in a ``check(self)`` method that raises
``ValueError``. :func:`json_schema` turns the same classes into a JSON Schema for editors.

Standard library only and quick to import, so that every command stays fast: ``ams-exercises
next`` reads the catalogue and the progress file through this module too.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

M = TypeVar("M")


@dataclass(frozen=True, eq=False)  # compared by identity: a rule is declared once
class Rule:
    """Constraints on a value: text length or pattern, a number's range, a list's length."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    ge: int | None = None
    le: int | None = None
    strip: bool = False  # text: surrounding spaces removed before the checks


class Invalid(ValueError):
    """A value does not fit its model; ``loc`` is the path to it (``fields.widget.points``)."""

    def __init__(self, loc: tuple[str | int, ...], problem: str) -> None:
        self.loc = loc
        self.problem = problem
        super().__init__(problem)

    @property
    def message(self) -> str:
        """``field 'a.b': problem``, or the problem alone when it is about the whole file."""
        where = ".".join(str(p) for p in self.loc)
        return f"field '{where}': {self.problem}" if where else self.problem


def describe(text: str) -> dict[str, str]:
    """Field metadata that documents it (shown in the JSON Schema)."""
    return {"description": text}


def load_model(
    model: type[M],
    data: Any,
    where: object,
    error: Callable[[object, str], Exception],
) -> M:
    """``data`` checked against ``model`` and built, or ``error(where, "field '…': …")``."""
    try:
        return validate(model, data)
    except Invalid as exc:
        raise error(where, exc.message) from None


def validate(model: type[M], data: Any, loc: tuple[str | int, ...] = ()) -> M:
    """Build ``model`` from ``data`` or raise :class:`Invalid` at the first problem."""
    return _check(model, data, loc)


# --- checking values against types ----------------------------------------------------------


def kind_of(value: Any) -> str:
    """What ``value`` is, in a person's words: text, a number, a list..."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _split(tp: Any) -> tuple[Any, Rule | None]:
    """A type without its :class:`Rule`, and the rule."""
    if get_origin(tp) is Annotated:
        base, *extras = get_args(tp)
        rule = next((e for e in extras if isinstance(e, Rule)), None)
        return base, rule
    return tp, None


def _check(tp: Any, value: Any, loc: tuple[str | int, ...]) -> Any:
    tp, rule = _split(tp)
    origin = get_origin(tp)
    if tp is Any:
        return value
    if origin in (Union, types.UnionType):
        options = get_args(tp)
        if value is None and type(None) in options:
            return None
        real = [o for o in options if o is not type(None)]
        problems = []
        for option in real:
            try:
                return _check(option, value, loc)
            except Invalid as exc:
                problems.append(exc)
        if len(problems) == 1:
            raise problems[0]
        raise Invalid(loc, f"must be {' or '.join(_name(o) for o in real)}, not {kind_of(value)}")
    if origin is Literal:
        allowed = get_args(tp)
        if value not in allowed or isinstance(value, bool) != isinstance(allowed[0], bool):
            shown = ", ".join(repr(a) for a in allowed)
            raise Invalid(loc, f"must be one of {shown}, not {value!r}")
        return value
    if dataclasses.is_dataclass(tp):
        return _check_dataclass(tp, value, loc)
    if origin is list:
        if not isinstance(value, list):
            raise Invalid(loc, f"must be a list, not {kind_of(value)}")
        (item,) = get_args(tp) or (Any,)
        out = [_check(item, v, (*loc, i)) for i, v in enumerate(value)]
        _length(out, rule, loc, "entries")
        return out
    if origin is dict:
        if not isinstance(value, dict):
            raise Invalid(loc, f"must be a mapping, not {kind_of(value)}")
        key_type, value_type = get_args(tp) or (Any, Any)
        out_map = {}
        for k, v in value.items():
            k = _check(key_type, k, (*loc, k) if isinstance(k, str | int) else loc)
            out_map[k] = _check(value_type, v, (*loc, k))
        _length(out_map, rule, loc, "entries")
        return out_map
    if tp is str:
        if not isinstance(value, str):
            hint = " (put it in quotes)" if isinstance(value, bool | int | float) else ""
            raise Invalid(loc, f"must be text, not {kind_of(value)}{hint}")
        if rule and rule.strip:
            value = value.strip()
        _length(value, rule, loc, "characters")
        if rule and rule.pattern and not re.fullmatch(rule.pattern, value):
            raise Invalid(loc, f"{value!r} does not have the form {rule.pattern}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise Invalid(loc, f"must be true or false, not {kind_of(value)}")
        return value
    if tp in (int, float):
        ok = isinstance(value, int) if tp is int else isinstance(value, int | float)
        if isinstance(value, bool) or not ok:
            raise Invalid(loc, f"must be {_name(tp)}, not {kind_of(value)}")
        if rule and rule.ge is not None and value < rule.ge:
            raise Invalid(loc, f"must be at least {rule.ge}")
        if rule and rule.le is not None and value > rule.le:
            raise Invalid(loc, f"must be at most {rule.le}")
        return value
    raise TypeError(f"models: no check for type {tp!r}")  # a programming error, not input


def _length(value: Any, rule: Rule | None, loc: tuple[str | int, ...], unit: str) -> None:
    if rule is None:
        return
    if rule.min_length is not None and len(value) < rule.min_length:
        if rule.min_length == 1:
            raise Invalid(loc, "must not be empty")
        raise Invalid(loc, f"needs at least {rule.min_length} {unit}")
    if rule.max_length is not None and len(value) > rule.max_length:
        raise Invalid(loc, f"is {len(value):,} {unit} long; at most {rule.max_length:,}")


def _name(tp: Any) -> str:
    tp, _rule = _split(tp)
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
    if tp in names:
        return names[tp]
    origin = get_origin(tp)
    if origin is list:
        return "a list"
    if origin is dict or dataclasses.is_dataclass(tp):
        return "a mapping"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    return str(tp)


_HINTS: dict[type, dict[str, Any]] = {}


def hints(model: type) -> dict[str, Any]:
    """The resolved field types of a dataclass (cached)."""
    if model not in _HINTS:
        _HINTS[model] = typing.get_type_hints(model, include_extras=True)
    return _HINTS[model]


def _check_dataclass(model: type, value: Any, loc: tuple[str | int, ...]) -> Any:
    if not isinstance(value, dict):
        raise Invalid(loc, f"must be a mapping of fields, not {kind_of(value)}")
    declared = {f.name: f for f in dataclasses.fields(model) if f.init}
    for name in value:
        if name not in declared:
            what = getattr(model, "WHAT", "this file")
            shown = name if isinstance(name, str) else repr(name)
            raise Invalid((*loc, shown), f"is not a field of {what}")
    types_ = hints(model)
    kwargs = {}
    for name, f in declared.items():
        if name not in value:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise Invalid((*loc, name), "is required")
            continue
        kwargs[name] = _check(types_[name], value[name], (*loc, name))
    obj = model(**kwargs)
    check = getattr(obj, "check", None)
    if callable(check):
        try:
            check()
        except Invalid as exc:
            raise Invalid((*loc, *exc.loc), exc.problem) from None
        except ValueError as exc:
            raise Invalid(loc, str(exc)) from None
    return obj


def to_data(obj: Any) -> Any:
    """A model as plain data (dicts, lists, text, numbers), as it would be written to a file."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.init}
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_data(v) for k, v in obj.items()}
    return obj


# --- JSON Schema ----------------------------------------------------------------------------


def json_schema(model: type, title: str) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of ``model``, for editors and reviewers."""
    defs: dict[str, Any] = {}
    root = _schema(model, defs)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title}
    schema.update(defs.pop(model.__name__))
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    assert root == {"$ref": f"#/$defs/{model.__name__}"}
    return schema


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    tp, rule = _split(tp)
    origin = get_origin(tp)
    out: dict[str, Any]
    if origin in (Union, types.UnionType):
        out = {"anyOf": [_schema(o, defs) for o in get_args(tp)]}
    elif tp is type(None):
        out = {"type": "null"}
    elif tp is Any:
        out = {}
    elif origin is Literal:
        out = {"enum": list(get_args(tp))}
    elif dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve: a model may refer to itself
            defs[name] = _object_schema(tp, defs)
        out = {"$ref": f"#/$defs/{name}"}
    elif origin is list:
        (item,) = get_args(tp) or (Any,)
        out = {"type": "array", "items": _schema(item, defs)}
    elif origin is dict:
        key_type, value_type = get_args(tp) or (Any, Any)
        out = {"type": "object", "additionalProperties": _schema(value_type, defs)}
        if get_origin(_split(key_type)[0]) is Literal:
            out["propertyNames"] = _schema(key_type, defs)
    else:
        names = {str: "string", int: "integer", float: "number", bool: "boolean"}
        out = {"type": names[tp]}
    if rule:
        array_like = out.get("type") in ("array", "object")
        if rule.min_length is not None:
            out[
                "minItems"
                if out.get("type") == "array"
                else "minProperties"
                if array_like
                else "minLength"
            ] = rule.min_length
        if rule.max_length is not None:
            out["maxItems" if out.get("type") == "array" else "maxLength"] = rule.max_length
        if rule.pattern:
            out["pattern"] = f"^(?:{rule.pattern})$"  # JSON Schema searches; we match whole
        if rule.ge is not None:
            out["minimum"] = rule.ge
        if rule.le is not None:
            out["maximum"] = rule.le
    return out


def _object_schema(model: type, defs: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required = []
    types_ = hints(model)
    for f in dataclasses.fields(model):
        if not f.init:
            continue
        prop = _schema(types_[f.name], defs)
        if "description" in f.metadata:
            prop["description"] = f.metadata["description"]
        if f.default is not dataclasses.MISSING:
            prop["default"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            prop["default"] = f.default_factory()
        else:
            required.append(f.name)
        props[f.name] = prop
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if model.__doc__:
        out["description"] = " ".join(model.__doc__.split())
    if required:
        out["required"] = required
    return out
