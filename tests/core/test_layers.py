"""The package layout is the architecture (docs/architecture.md): each stage imports only
the stages before it, and no module imports itself back through others."""

from __future__ import annotations

import ast
from pathlib import Path

import cwkg

PACKAGE = Path(cwkg.__file__).parent
# the pipeline, left to right; a module may import its own stage and those on its left
STAGES = ["(shared)", "load", "rdf", "build", "query", "validate", "server", "api", "ingest",
          "curate", "web", "cli"]
# the package root is the public face: ``cwkg.open`` imports the API when called (inside
# the function, so ``import cwkg`` stays light); it may import nothing else of a stage
FACADE = {"cwkg": {"cwkg.api"}}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["cwkg", *parts])


def _stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "(shared)"
    if parts[1] == "cli":
        return "cli"
    return parts[1] if parts[1] in STAGES else "(shared)"


def _imports(path: Path) -> set[str]:
    """Every cwkg module ``path`` imports, at the top or inside a function."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "cwkg"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "cwkg":
                continue
            for alias in node.names:  # "from cwkg.build import cache" imports a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
    return found


def _exists(module: str) -> bool:
    relative = Path(*module.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative).is_dir()


MODULES = {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_import_goes_down_the_stages():
    upward = [f"{module} ({_stage(module)}) imports {target} ({_stage(target)})"
              for module, targets in MODULES.items() for target in sorted(targets)
              if STAGES.index(_stage(target)) > STAGES.index(_stage(module))
              and target not in FACADE.get(module, ())]
    assert not upward, "\n".join(upward)


def test_no_import_cycle():
    # the shared modules and the package roots are leaves: they import only shared modules
    graph = {m: {t for t in targets if t in MODULES and t != m and t not in FACADE.get(m, ())}
             for m, targets in MODULES.items()}
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        if module in trail:
            raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(module):]
                                                                  + [module]))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, trail + [module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_the_check_sees_the_stages():
    """The checker itself: it finds modules in every stage that exists, and the imports of
    a module it knows well (so an empty walk cannot pass)."""
    stages = {_stage(m) for m in MODULES}
    assert {"(shared)", "load", "rdf", "build", "query", "validate", "server", "ingest",
            "curate", "cli"} <= stages
    assert "cwkg.load.data" in MODULES["cwkg.build.pipeline"]
