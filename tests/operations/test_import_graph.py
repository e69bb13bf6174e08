"""The import graph of the project's own modules: no import circle, and no import back up a
layer (core/ is below the apps, the apps are below federation_site/, the Django project).

Every `import` counts, function-level ones included: an import moved into a function hides a
circle from Python, not from a reader who has to learn both files at once.

A circle that is known and accepted for a time would be listed in KNOWN_CIRCLES until it is
broken; none is now (issue 19 broke the last two). The test fails on any other circle, and
also when a known one is gone, so that the list only ever shrinks.
"""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Lower layers first: a module may import its own layer and those before it.
LAYERS = [
    {"core"},
    {"home", "appeals", "candidates", "news", "editorial", "accounts"},
    {"federation_site"},
]
PACKAGES = set().union(*LAYERS)

KNOWN_CIRCLES = set()


def module_name(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root, packages):
    modules = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            modules[module_name(path, root)] = path
    return modules


def imports_of(name, path, modules):
    """The project modules `name` imports, anywhere in its code."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; otherwise the names are
            # attributes of `base`.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(root=REPO, packages=PACKAGES):
    modules = project_modules(root, packages)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def circles(graph):
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer_of(module):
    top = module.split(".")[0]
    return next(number for number, layer in enumerate(LAYERS) if top in layer)


def imports_up(graph):
    return sorted(
        (source, target)
        for source, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(source)
    )


def test_no_import_circle_but_the_known_ones():
    found = set(circles(import_graph()))
    new = [sorted(circle) for circle in found - KNOWN_CIRCLES]
    assert not new, f"import circles: {new}"
    gone = [sorted(circle) for circle in KNOWN_CIRCLES - found]
    assert not gone, f"these circles are broken now: remove them from KNOWN_CIRCLES: {gone}"


def test_no_import_runs_back_up_a_layer():
    assert imports_up(import_graph()) == []


def test_the_checks_find_a_circle_and_an_import_up(tmp_path):
    """The detector on a made-up project: a circle through a function-level import, a
    relative import, and core importing the Django project."""
    (tmp_path / "core").mkdir()
    (tmp_path / "federation_site").mkdir()
    (tmp_path / "core" / "__init__.py").write_text("")
    (tmp_path / "federation_site" / "__init__.py").write_text("")
    (tmp_path / "core" / "a.py").write_text("from .b import thing\n")
    (tmp_path / "core" / "b.py").write_text("def f():\n    from core import a\n")
    (tmp_path / "core" / "c.py").write_text("import federation_site.views\n")
    (tmp_path / "federation_site" / "views.py").write_text("from core.a import x\n")
    graph = import_graph(tmp_path, {"core", "federation_site"})
    assert circles(graph) == [frozenset({"core.a", "core.b"})]
    assert imports_up(graph) == [("core.c", "federation_site.views")]
