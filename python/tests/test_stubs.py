"""The stubs match the built package: every public name is in its stub and vice versa, and the
generated area stub matches the registry."""

from __future__ import annotations

import __future__
import ast
import importlib
import inspect
import keyword
import sys
import types
from pathlib import Path

import pytest

import chatadmin
from chatadmin import _chatadmin

SOURCE = Path(__file__).resolve().parent.parent  # python/
PACKAGE = Path(chatadmin.__file__).resolve().parent  # the installed package


def _stub_tree(module_name: str) -> ast.Module:
    stub = PACKAGE / (module_name.split(".", 1)[1].replace(".", "/") + ".pyi")
    assert stub.exists(), f"missing stub {stub}"
    return ast.parse(stub.read_text(), str(stub))


def _top_level_names(tree: ast.Module) -> set:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom):
            # Only `import x as x` re-exports (PEP 484 stub convention).
            names.update(a.asname for a in node.names if a.asname and a.asname == a.name)
    return names


def _class_members(tree: ast.Module, cls: str) -> set:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == cls:
            out = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    out.add(item.target.id)
            return out
    raise AssertionError(f"class {cls} not in stub")


def _public(names) -> set:
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize("name", ["chatadmin", "chatadmin.usersig", "chatadmin.testing"])
def test_public_module_matches_its_stub(name):
    module = importlib.import_module(name)
    stub_file = PACKAGE / ("__init__.pyi" if name == "chatadmin" else name.split(".")[1] + ".pyi")
    tree = ast.parse(stub_file.read_text())
    declared = set(module.__all__)
    # Everything public the module defines is exported ...
    for attr in _public(dir(module)):
        obj = getattr(module, attr)
        if isinstance(obj, types.ModuleType) and attr not in declared:
            continue  # a submodule loaded by someone else (chatadmin.testing)
        if isinstance(obj, __future__._Feature):
            continue  # `from __future__ import annotations`
        assert attr in declared, f"{name}.{attr} is public but not in __all__"
    # ... and the stub declares exactly the exports.
    stub_names = _top_level_names(tree) - {"__all__"}
    assert _public(stub_names) | ({"__version__"} & stub_names) == declared, (
        f"{stub_file.name} declares {sorted(stub_names)}, module exports {sorted(declared)}"
    )


def test_extension_matches_its_stub():
    tree = _stub_tree("chatadmin._chatadmin")
    runtime = {n for n in dir(_chatadmin) if not n.startswith("__")} | {"__version__"}
    assert _top_level_names(tree) == runtime
    stub_client = _class_members(tree, "Client") - {"__new__"}
    runtime_client = {n for n in vars(_chatadmin.Client) if not n.startswith("__")}
    assert stub_client == runtime_client


def test_client_and_exceptions_are_typed_in_stubs():
    # Exceptions are plain Python (typed source); the Client class gets its areas from the
    # generated stub.
    tree = _stub_tree("chatadmin._areas")
    areas = _class_members(tree, "Areas")
    assert areas == {e["area"] for e in chatadmin.endpoints()}
    assert issubclass(chatadmin.Client, _chatadmin.Client)
    for e in chatadmin.endpoints():
        assert isinstance(getattr(chatadmin.Client, e["area"]), property)


def test_every_registry_endpoint_is_a_stub_method():
    from chatadmin._areas import AREA_CLASSES, class_name, python_name

    tree = _stub_tree("chatadmin._areas")
    for e in chatadmin.endpoints():
        cls = class_name(e["area"])
        method = python_name(e["method"])
        assert method in _class_members(tree, cls), f"{cls}.{method} missing from _areas.pyi"
        runtime = AREA_CLASSES[e["area"]]
        assert callable(getattr(runtime, method))
        params = list(inspect.signature(getattr(runtime, method)).parameters)[1:]
        assert params == [python_name(f["name"]) for f in e["request"]["fields"]]
    for cls, runtime in AREA_CLASSES.items():
        runtime_methods = {n for n in vars(runtime) if not n.startswith("_") and callable(vars(runtime)[n])}
        runtime_methods = {n for n in runtime_methods if not keyword.iskeyword(n)}  # `import` alias
        assert runtime_methods == _class_members(tree, class_name(cls))


def test_generated_stub_has_not_drifted():
    sys.path.insert(0, str(SOURCE / "tools"))
    try:
        import gen_stubs
    finally:
        sys.path.pop(0)
    rendered = gen_stubs.render()
    committed = (SOURCE / "chatadmin" / "_areas.pyi").read_text()
    assert rendered == committed, "python/chatadmin/_areas.pyi is stale: run python/tools/gen_stubs.py"
    # The installed copy is the committed one.
    assert (PACKAGE / "_areas.pyi").read_text() == committed
    assert (PACKAGE / "py.typed").exists()


def test_readme_endpoint_table_names_the_real_python_methods():
    """The README's table is generated by the Rust CLI (`chatadmin api list --markdown`), which
    spells the Python names itself; this checks them against the package: every row's method
    exists on the client with exactly those keyword arguments, required ones without `=`."""
    import re

    readme = (SOURCE.parent / "README.md").read_text()
    table = readme.split("<!-- endpoints:begin", 1)[1].split("<!-- endpoints:end -->", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) == len(chatadmin.endpoints())
    client = chatadmin.Client(1400000000, "k", base_url="http://127.0.0.1:9")
    for row in rows:
        path, _rust, python = [c.strip() for c in row.strip("|").split("|")]
        m = re.match(r"`(\w+)\.(\w+)\(([^)]*)\)`", python)
        assert m, row
        area, method, args = m.groups()
        fn = getattr(getattr(client, area), method)
        assert path.strip("`") in fn.__doc__, row
        params = inspect.signature(fn).parameters
        listed = [a.strip() for a in args.split(",") if a.strip()]
        assert [a.rstrip("=") for a in listed] == list(params), row
        for a in listed:
            required = params[a.rstrip("=")].default is inspect.Parameter.empty
            assert required == (not a.endswith("=")), (row, a)
        iterator = re.search(r"`(\w+)\.(iter_\w+)\(", python)
        if iterator:
            assert callable(getattr(getattr(client, iterator.group(1)), iterator.group(2))), row
