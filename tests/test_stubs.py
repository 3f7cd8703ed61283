"""The type stubs of the compiled module (python/zhengce/_zhengce.pyi) agree with
it: the same names, the same parameters (names, kinds, defaults) and Literal
types that list exactly the core's names. A stub that has gone stale — a
parameter added in Rust and not in the .pyi — fails here, as huggingface/
tokenizers' stub check fails its CI."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import zhengce as zc
from zhengce import _zhengce

STUB = Path(_zhengce.__file__).with_name("_zhengce.pyi")
TREE = ast.parse(STUB.read_text(encoding="utf-8"))


def stub_functions(body) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in body if isinstance(n, ast.FunctionDef)}


def stub_classes() -> dict[str, ast.ClassDef]:
    return {n.name: n for n in TREE.body if isinstance(n, ast.ClassDef)}


def stub_assigned() -> dict[str, ast.AST]:
    """Module-level names: annotated (constants) and aliases (Literal types)."""
    out = {}
    for n in TREE.body:
        if isinstance(n, ast.AnnAssign):
            out[n.target.id] = n.annotation
        elif isinstance(n, ast.Assign):
            out[n.targets[0].id] = n.value
    return out


def literal_values(name: str) -> list[str]:
    node = stub_assigned()[name]
    assert isinstance(node, ast.Subscript) and ast.unparse(node.value) == "Literal", name
    elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    return [ast.literal_eval(e) for e in elts]


def stub_params(fn: ast.FunctionDef) -> list[tuple[str, str, str | None]]:
    """(name, kind, default as source) of each parameter, self/cls left out."""
    a = fn.args
    out = []
    positional = a.posonlyargs + a.args
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    for p, d in zip(positional, defaults):
        out.append((p.arg, "positional", None if d is None else ast.unparse(d)))
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        out.append((p.arg, "keyword", None if d is None else ast.unparse(d)))
    return [x for x in out if x[0] not in ("self", "cls")]


def native_params(obj) -> list[tuple[str, str, str | None]]:
    sig = inspect.signature(obj)
    kinds = {inspect.Parameter.KEYWORD_ONLY: "keyword"}
    out = []
    for p in sig.parameters.values():
        default = None if p.default is inspect.Parameter.empty else repr(p.default).replace("'", '"')
        out.append((p.name, kinds.get(p.kind, "positional"), default))
    return [x for x in out if x[0] not in ("self", "cls", "$self", "$cls")]


def normalise(params):
    # The stub writes defaults as source ("collect" / None / False); inspect gives reprs.
    # A default the compiled signature cannot spell (a Rust vec!) shows as "..." and
    # matches any stub default.
    return [(n, k, None if d is None else "..." if d in ("Ellipsis", "...") else d.replace("'", '"')) for n, k, d in params]


def same_params(stub, native) -> bool:
    stub, native = normalise(stub), normalise(native)
    return len(stub) == len(native) and all(
        s[:2] == n[:2] and (s[2] == n[2] or (n[2] == "..." and s[2] is not None)) for s, n in zip(stub, native)
    )


def public(names):
    return {n for n in names if not n.startswith("_") or n == "__version__"}


def test_the_stub_names_exactly_what_the_module_has():
    stubbed = set(stub_functions(TREE.body)) | set(stub_classes()) | {n for n in stub_assigned() if n.isupper() or n == "__version__"}
    native = public(dir(_zhengce)) - {"annotations"}
    assert stubbed - {"OnError"} >= native, f"missing from the .pyi: {sorted(native - stubbed)}"
    literal_aliases = {"OnError", "BlockKind", "TokenKind", "FrameName", "DictionaryKind"}
    assert stubbed - native <= literal_aliases, f"in the .pyi but not in the module: {sorted(stubbed - native - literal_aliases)}"


@pytest.mark.parametrize("name", sorted(stub_functions(TREE.body)))
def test_each_function_has_the_stub_signature(name):
    stub, native = stub_params(stub_functions(TREE.body)[name]), native_params(getattr(_zhengce, name))
    assert same_params(stub, native), (stub, native)


@pytest.mark.parametrize("cls", ["NativeCorpus", "ReadOptions"])
def test_each_class_has_the_stub_methods(cls):
    stub = stub_classes()[cls]
    methods = stub_functions(stub.body)
    native = getattr(_zhengce, cls)
    native_methods = {n for n in vars(native) if not n.startswith("_") or n in ("__len__",)}
    assert set(methods) - {"__new__"} == native_methods, cls
    for name, fn in methods.items():
        if name == "__new__":
            got = native_params(native)
        elif any(isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list):
            continue
        else:
            got = native_params(getattr(native, name))
        assert same_params(stub_params(fn), got), (cls, name, stub_params(fn), got)


def test_the_literal_types_list_the_core_names():
    assert literal_values("FrameName") == [name for name, _, _ in _zhengce.FRAMES]
    assert literal_values("DictionaryKind") == [name for name, _ in _zhengce.DICTIONARIES]
    assert sorted(literal_values("BlockKind")) == sorted(_zhengce.BLOCK_KINDS)
    assert literal_values("TokenKind") == _zhengce.TOKEN_KINDS
    assert literal_values("OnError") == ["collect", "raise"]


def test_the_python_options_name_the_core_dictionaries():
    """zhengce.ReadOptions types every dictionary kind of the core, no more."""
    fields = set(zc.ReadOptions.__annotations__)
    kinds = {name for name, _ in _zhengce.DICTIONARIES}
    assert kinds <= fields
    assert fields - kinds == {"meta", "manifest", "on_error", "threads", "max_bytes", "hmm"}
    assert "Literal['collect', 'raise']" in zc.ReadOptions.__annotations__["on_error"].replace('"', "'")
