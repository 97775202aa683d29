"""Article extractors compared on saved web pages: text, furniture leaked, metadata, time, size.

Runs trafilatura (the field's reference), readability-lxml (lighter) and Annotator's own
``read_html`` (readability-lxml plus our metadata and furniture rules) over six generated pages
in different house styles (``tests/formats/html_pages.py``: a news site, a blog with a sidebar,
a think-tank report, a page of bare ``<div>``s, a magazine with promos inside the article, a
Russian page in windows-1251), whose article bodies are the bundled seeds. For each it prints:
word recall and precision against the known body (a standfirst the page shows may count either
way), furniture lines leaked (cookie banners, share bars, "9 mins read", related links, ...),
metadata fields found of five (title, authors, date, site name, URL), and the median time of 5.
Then the installed size of each library with the dependencies the app does not already have,
and what trafilatura really loads (modules imported and data files opened while extracting).

Only one extractor is a runtime dependency; the other must be installed by hand:

    pip install trafilatura readability-lxml      # either may be missing: its rows are skipped
    python benchmarks/html_extractors.py [--show NAME]   # --show prints each page's text by NAME
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The page builders are the test fixtures: one definition of what each page holds.
sys.path.insert(0, str(ROOT / "tests" / "formats"))

from html_pages import PAGE_STYLES, Page  # noqa: E402

_WORD = re.compile(r"\w+")
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9._-]+)\s*(\[[^\]]*\])?")

Result = tuple[str, dict[str, object]]  # (text, metadata)


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def scores(page: Page, text: str) -> tuple[float, float, int]:
    """(recall, precision, furniture lines leaked) of ``text`` against the page's known body."""
    body = _words("\n".join(page.body))
    out = _words(text)
    for kept in page.neutral:
        if kept in text:
            out -= _words(kept)
    common = sum((body & out).values())
    recall = common / max(1, sum(body.values()))
    precision = common / max(1, sum(out.values()))
    leaked = sum(1 for line in page.chrome if line.lower() in text.lower())
    return recall, precision, leaked


def metadata_found(page: Page, meta: dict[str, object]) -> int:
    expected = {
        "title": page.title,
        "authors": list(page.authors),
        "published": page.published,
        "outlet": page.outlet,
        "url": page.url,
    }
    found = 0
    for key, want in expected.items():
        got = meta.get(key) or ("" if key != "authors" else [])
        if key == "authors" and isinstance(got, str):
            got = [a.strip() for a in re.split(r";|,| and ", got) if a.strip()]
        if key == "url" and not want:
            found += 1 if not got else 0  # a page with no URL: inventing one is wrong
        elif got == want or (isinstance(got, list) and list(got) == want):
            found += 1
    return found


def run_trafilatura(data: bytes) -> Result:
    import trafilatura

    doc = trafilatura.bare_extraction(data, with_metadata=True)
    if doc is None:
        return "", {}
    meta = {
        "title": doc.title or "",
        "authors": doc.author or "",
        "published": doc.date or "",
        "outlet": doc.sitename or "",
        "url": doc.url or "",
    }
    return doc.text or "", meta


def run_readability(data: bytes) -> Result:
    from lxml import html as lxml_html
    from readability import Document

    document = Document(data)
    root = lxml_html.fromstring(document.summary(html_partial=True))
    blocks = root.xpath("//p|//h1|//h2|//h3|//h4|//li|//blockquote|//pre|//td")
    paragraphs = [" ".join(b.text_content().split()) for b in blocks]
    if not paragraphs:
        paragraphs = [" ".join(root.text_content().split())]
    author = document.author()
    meta = {"title": document.short_title(), "authors": "" if author == "[no-author]" else author}
    return "\n\n".join(p for p in paragraphs if p), meta


def run_annotator(data: bytes) -> Result:
    import tempfile

    from annotator.formats.html_reader import read_html

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_bytes(data)
        got = read_html(path)
    meta = {
        "title": got.title,
        "authors": list(got.authors),
        "published": got.published,
        "outlet": got.outlet,
        "url": got.url,
    }
    return got.text, meta


# label: (module it needs, what to install for it, the run)
EXTRACTORS: dict[str, tuple[str, str, Callable[[bytes], Result]]] = {
    "trafilatura": ("trafilatura", "pip install trafilatura", run_trafilatura),
    "readability-lxml": ("readability", "pip install readability-lxml", run_readability),
    "annotator read_html": ("annotator.formats.html_reader", "pip install -e .", run_annotator),
}


def available(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _closure(
    name: str, seen: dict[str, metadata.Distribution], skip: frozenset[str] = frozenset()
) -> None:
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return
    key = dist.metadata["Name"].lower().replace("_", "-")
    if key in seen or key in skip:
        return
    seen[key] = dist
    for requirement in dist.requires or []:
        if ";" in requirement:
            marker = requirement.split(";", 1)[1]
            if "extra" in marker or 'python_version < "3' in marker.replace("'", '"'):
                continue
        match = _REQUIREMENT.match(requirement)
        if match:
            _closure(match.group(1), seen, skip)
            if match.group(2) and "html" in match.group(2) and "clean" in match.group(2):
                _closure("lxml_html_clean", seen, skip)


def _size(dist: metadata.Distribution) -> int:
    total = 0
    for file in dist.files or []:
        path = Path(str(dist.locate_file(file)))
        if path.is_file():
            total += path.stat().st_size
    return total


def installed_sizes(name: str) -> tuple[float, float, list[str]]:
    """(MB with all dependencies, MB Annotator does not need otherwise, those extra packages)."""
    ours: dict[str, metadata.Distribution] = {}
    _closure("annotator", ours, skip=frozenset({"readability-lxml", "trafilatura"}))
    theirs: dict[str, metadata.Distribution] = {}
    _closure(name, theirs)
    extra = {k: d for k, d in theirs.items() if k not in ours}
    total = sum(_size(d) for d in theirs.values()) / 1e6
    added = sum(_size(d) for d in extra.values()) / 1e6
    listed = sorted(f"{k} {_size(d) / 1e6:.1f}" for k, d in extra.items())
    return total, added, listed


def trafilatura_footprint(page: Page) -> str:
    """What extracting one page imports and opens under site-packages (code and data, MB)."""
    import site

    roots = [Path(p) for p in site.getsitepackages()]
    opened: set[str] = set()

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and isinstance(args[0], str):
            opened.add(args[0])

    sys.addaudithook(hook)
    before = set(sys.modules)
    run_trafilatura(page.data)
    modules = [sys.modules[m] for m in set(sys.modules) - before if m in sys.modules]
    files = {getattr(m, "__file__", None) for m in modules} | opened
    under = [Path(f) for f in files if f and any(r in Path(f).parents for r in roots)]
    packages: Counter[str] = Counter()
    for path in under:
        root = next(r for r in roots if r in path.parents)
        if path.is_file():
            packages[path.relative_to(root).parts[0]] += path.stat().st_size
    top = ", ".join(f"{k} {v / 1e6:.1f}" for k, v in packages.most_common(8))
    return f"{sum(packages.values()) / 1e6:.1f} MB of files loaded ({top})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", help="print each page's text from this extractor")
    args = parser.parse_args()
    pages = [build() for build in PAGE_STYLES]
    header = ("extractor", "page", "recall", "prec.", "leaked", "meta", "ms")
    print("{:22} {:30} {:>6} {:>6} {:>6} {:>4} {:>6}".format(*header))
    totals: dict[str, list[tuple[float, float, int, int, float]]] = {}
    for label, (module, install, run) in EXTRACTORS.items():
        if not available(module):
            print(f"{label:22} skipped: {install}")
            continue
        for page in pages:
            run(page.data)  # warm up: imports and caches
            times = []
            for _ in range(5):
                start = time.perf_counter()
                text, meta = run(page.data)
                times.append(time.perf_counter() - start)
            recall, precision, leaked = scores(page, text)
            found = metadata_found(page, meta)
            ms = statistics.median(times) * 1000
            totals.setdefault(label, []).append((recall, precision, leaked, found, ms))
            print(
                f"{label:22} {page.name:30} {recall:6.3f} {precision:6.3f} "
                f"{leaked:3}/{len(page.chrome):<2} {found:2}/5 {ms:6.1f}"
            )
            if args.show == label:
                print(f"----- {page.name}: {meta}\n{text}\n-----")
    print()
    for label, rows in totals.items():
        n = len(rows)
        recall, precision, leaked, found, ms = zip(*rows, strict=True)
        print(
            f"{label:22} mean recall {sum(recall) / n:.3f}, precision {sum(precision) / n:.3f}, "
            f"furniture leaked {sum(leaked)}, metadata {sum(found)}/{5 * n}, "
            f"median {statistics.median(ms):.1f} ms"
        )
    print()
    for name in ("trafilatura", "readability-lxml"):
        try:
            total, added, listed = installed_sizes(name)
        except metadata.PackageNotFoundError:
            continue
        print(
            f"{name}: {total:.1f} MB installed with its dependencies, {added:.1f} MB beyond "
            f"what Annotator needs without an extractor: {', '.join(listed)}"
        )
    if available("trafilatura"):
        # In a fresh interpreter: what one extraction needs, with nothing imported before.
        code = (
            "import html_extractors as h, html_pages as p; "
            "print(h.trafilatura_footprint(p.news_site()))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=Path(__file__).parent,
            env={**os.environ, "PYTHONPATH": str(ROOT / "tests" / "formats")},
            capture_output=True,
            text=True,
        )
        print(f"trafilatura at run time: {done.stdout.strip() or done.stderr.strip()}")


if __name__ == "__main__":
    main()
