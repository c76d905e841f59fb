"""The package's imports run one way: no cycles, counting imports inside functions.

A module depends on every ``cjmap`` module it imports anywhere in its body (inside functions
too), and on the packages that hold it, whose ``__init__`` runs first. Imports under
``if TYPE_CHECKING:`` never run, so they do not count. Lazy package faces
(:func:`cjmap.lazy_exports`) import through ``importlib`` only when a name is asked for.
"""

from __future__ import annotations

import ast
from pathlib import Path

import cjmap

PACKAGE = Path(cjmap.__file__).resolve().parent


def module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under an ``if TYPE_CHECKING:`` block."""
    found: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    depends = {target for target in targets if target in known}
    # Importing a.b.c runs a/__init__ and a/b/__init__ first.
    for target in list(depends):
        parts = target.split(".")
        depends.update(".".join(parts[:i]) for i in range(2, len(parts)))
    depends.discard(name)
    return {target for target in depends if not name.startswith(target + ".")}


def graph() -> dict[str, set[str]]:
    names = module_names()
    return {name: imports_of(name, path, set(names)) for name, path in names.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_function_level_and_package_imports_count(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from cjmap.render.svg import rect\n"
                      "if TYPE_CHECKING:\n    import cjmap.model\n", encoding="utf-8")
    known = {"cjmap.render", "cjmap.render.svg", "cjmap.model"}
    assert imports_of("cjmap.m", source, known) == {"cjmap.render", "cjmap.render.svg"}


def test_at_most_eighteen_modules_at_the_top() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 18, top


def test_the_core_does_not_import_the_command_line() -> None:
    for name, depends in graph().items():
        if not name.startswith(("cjmap.cli", "cjmap.commands", "cjmap.__main__")):
            assert not {d for d in depends if d.startswith(("cjmap.cli", "cjmap.commands"))}, name
