"""docs/architecture.md stays true to the code it maps.

Every repository path it writes in backticks (`core/caching/page_cache.py`, `deploy/varnish/`) must
exist, and every dotted name of one of our packages (`core.caching.page_cache.purge_paths`,
`federation_site.settings.production`) must name a module, and what follows the module a
name it defines (a class, a function, an assignment; one level into a class). Names of
dependencies (`wagtail.views.serve`, `request._wagtail_site`), URL paths (`/kk/search/`) and
placeholders (`<app>/locale/`) are not ours and are left alone. The page also names every
file that tests/editorial/test_localize_source_tripwire.py says depends on upstream code, so
its "What we patch and why" stays complete.
"""

import ast
import re
from functools import cache
from pathlib import Path


def _repository():
    for folder in Path(__file__).resolve().parents:
        if (folder / "pyproject.toml").is_file() and (folder / "manage.py").is_file():
            return folder
    raise RuntimeError("no repository above this test")


REPO = _repository()
DOC = REPO / "docs" / "architecture.md"

PATH_ENDINGS = (
    ".py",
    ".html",
    ".js",
    ".vcl",
    ".md",
    ".yaml",
    ".yml",
    ".toml",
    ".conf.template",
)
FENCED_BLOCK = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
# Not a repository path: placeholders, shell and template syntax, subscripts, URLs.
NOT_A_PATH = set("<>{}[]$=|%\"'")


@cache
def our_packages():
    return frozenset(folder.name for folder in REPO.iterdir() if (folder / "__init__.py").is_file())


def references(text):
    """(paths, dotted names) that `text` writes in backticks, in order; fenced blocks are
    skipped. A span is split on whitespace, so a command (`python -m deploy.rehearsal`)
    counts by its words."""
    paths, dotted = [], []
    for match in INLINE_CODE.finditer(FENCED_BLOCK.sub("", text)):
        for word in match.group(2).split():
            if word.startswith(("/", "http:", "https:")) or NOT_A_PATH & set(word):
                continue
            if "/" in word or word.endswith(PATH_ENDINGS):
                paths.append(word)
            elif DOTTED.fullmatch(word) and word.split(".")[0] in our_packages():
                dotted.append(word)
    return paths, dotted


def _defined_names(body):
    """{name: node} of what a module or class body defines."""
    names = {}
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] = node
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                names[(alias.asname or alias.name).split(".")[0]] = node
    return names


def dotted_problem(name):
    """Why `name` (package.module[.attribute[.member]]) names nothing here, or None."""
    parts = name.split(".")
    location = REPO / parts[0]
    index = 1
    while index < len(parts) and location.is_dir():
        if (location / parts[index] / "__init__.py").is_file():
            location = location / parts[index]
        elif (location / f"{parts[index]}.py").is_file():
            location = location / f"{parts[index]}.py"
        else:
            break
        index += 1
    module = location / "__init__.py" if location.is_dir() else location
    rest = parts[index:]
    if not rest:
        return None
    shown = module.relative_to(REPO)
    names = _defined_names(ast.parse(module.read_text()).body)
    if rest[0] not in names:
        return f"`{name}`: {shown} defines no `{rest[0]}`"
    if len(rest) > 1 and isinstance(names[rest[0]], ast.ClassDef):
        if rest[1] not in _defined_names(names[rest[0]].body):
            return f"`{name}`: {rest[0]} in {shown} defines no `{rest[1]}`"
    return None


def problems(text, base=DOC.parent):
    """What `text` names that does not exist: repository paths and dotted names in
    backticks, and relative link targets (from `base`)."""
    paths, dotted = references(text)
    found = []
    for path in dict.fromkeys(paths):
        exists = any(REPO.glob(path)) if "*" in path else (REPO / path).exists()
        if not exists:
            found.append(f"`{path}`: no such file or directory")
    found += [problem for name in dict.fromkeys(dotted) if (problem := dotted_problem(name))]
    for target in LINK_TARGET.findall(text):
        if "://" in target or target.startswith(("#", "mailto:")):
            continue
        if not (base / target.split("#")[0]).exists():
            found.append(f"link ({target}): no such file or directory")
    return found


def tripwire_dependents():
    """The repository paths named under "What depends on each" in the upstream tripwire's
    docstring (`core/site/serving.serve` is core/site/serving.py)."""
    (tripwire,) = REPO.glob("tests/**/test_localize_source_tripwire.py")
    docstring = ast.get_docstring(ast.parse(tripwire.read_text()))
    section = docstring.split("What depends on each:", 1)[1]
    named = []
    for word in re.findall(r"[\w.-]+/[\w./-]*", section):
        word = word.rstrip(".,;:")
        if not (REPO / word).exists() and "." in word.rsplit("/", 1)[1]:
            module = word.rsplit(".", 1)[0] + ".py"
            word = module if (REPO / module).exists() else word
        named.append(word)
    return named


def named_in(path, doc_paths):
    """Whether the doc names `path`: itself, a file inside it (a folder), or a longer path
    ending with it (the tripwire writes `templates/restrictions/...` for a template name)."""
    path = path.rstrip("/")
    return any(
        named.rstrip("/") == path
        or named.startswith(path + "/")
        or named.rstrip("/").endswith("/" + path)
        for named in doc_paths
    )


# --- The page itself -------------------------------------------------------------------


def test_every_path_and_name_the_architecture_page_gives_exists():
    missing = problems(DOC.read_text())
    assert not missing, (
        "docs/architecture.md names what is not in the repository (moved or renamed? "
        "update the page):\n  " + "\n  ".join(missing)
    )


def test_the_page_names_its_files_in_backticks_so_they_are_checked():
    paths, dotted = references(DOC.read_text())
    assert len(set(paths)) >= 60, paths
    assert len(set(dotted)) >= 30, dotted


def test_the_page_names_every_file_the_upstream_tripwire_guards():
    paths, _dotted = references(DOC.read_text())
    guarded = tripwire_dependents()
    assert len(guarded) >= 15, guarded
    unnamed = [path for path in guarded if not named_in(path, paths)]
    assert not unnamed, (
        "tests/editorial/test_localize_source_tripwire.py guards these, but docs/architecture.md "
        '("What we patch and why") does not name them:\n  ' + "\n  ".join(unnamed)
    )


# --- The checker fails when it should ----------------------------------------------------

SAMPLE = """
The cache lives in `core/caching/page_cache.py` (`core.caching.page_cache.purge_paths`,
`core.caching.page_cache.FetchPageCacheMiddleware.process_request`), served by
`python -m deploy.rehearsal` behind `deploy/varnish/`. Made up: `core/caching/pages.py`,
`core.caching.page_cache.purge_path`, `core.caching.page_cache.FetchPageCacheMiddleware.fetch`,
`core.no_such_module`, `docs/nowhere.md` and [a link](nowhere.md).
"""


def test_a_made_up_path_or_name_is_reported():
    assert problems(SAMPLE) == [
        "`core/caching/pages.py`: no such file or directory",
        "`docs/nowhere.md`: no such file or directory",
        "`core.caching.page_cache.purge_path`: core/caching/page_cache.py defines no `purge_path`",
        "`core.caching.page_cache.FetchPageCacheMiddleware.fetch`: FetchPageCacheMiddleware in "
        "core/caching/page_cache.py defines no `fetch`",
        "`core.no_such_module`: core/__init__.py defines no `no_such_module`",
        "link (nowhere.md): no such file or directory",
    ]


def test_what_is_not_ours_or_not_a_path_is_left_alone():
    text = (
        "`/kk/search/` `request._wagtail_site` `wagtail.views.serve` "
        "`<app>/locale/{kk,ru}/LC_MESSAGES/django.po` `make rehearsal` `X-Page-Cache: hit` "
        '`LANG_INFO["kk"]["name_local"]` `{% page_fragment %}` `https://fprk.kz/kk/`\n'
        "```\nnot/checked/in/a/fence.py\n```\n"
    )
    assert references(text) == ([], [])
    assert problems(text) == []


def test_the_tripwire_names_are_read_as_repository_files():
    guarded = tripwire_dependents()
    assert "core/site/serving.py" in guarded  # written core/site/serving.serve
    assert "core/models.py" in guarded  # written core/models.BasePage
    assert named_in(
        "templates/restrictions/password_required.html",
        ["federation_site/templates/restrictions/password_required.html"],
    )
    assert not named_in(
        "core/caching/page_cache.py", ["core/page_cache.pyc", "core/caching/fragments.py"]
    )
