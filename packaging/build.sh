#!/usr/bin/env bash
# Build Annotator for people without Python: the wheel, then a one-folder app in dist/annotator/
# (PyInstaller, packaging/annotator.spec), then smoke-test that app. Any failure stops the build.
#
#   packaging/build.sh              build, check and smoke-test
#   PYTHON=python3.12 packaging/build.sh
#
# Everything it installs goes into its own virtual environment, build/venv (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

say() { printf '\n== %s\n' "$*"; }
fail() { printf '\nbuild.sh: FAILED: %s\n' "$*" >&2; exit 1; }

# -- a build environment of its own -------------------------------------------------------------
say "build environment (build/venv)"
venv=build/venv
[ -x "$venv/bin/python" ] || [ -x "$venv/Scripts/python.exe" ] || "${PYTHON:-python3}" -m venv "$venv"
bin="$venv/bin"
[ -d "$venv/Scripts" ] && bin="$venv/Scripts"  # Windows (Git Bash)
py="$bin/python"
"$py" -m pip install --quiet --upgrade pip wheel "pyinstaller>=6.10,<7"

# -- the wheel, checked for the bundled data, installed into the build environment ---------------
say "wheel"
rm -f dist/annotator-*.whl
"$py" -m pip wheel --quiet --no-deps -w dist .
wheel=$(ls -t dist/annotator-*.whl | head -n 1)
"$py" - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for folder in ("annotator/_data/seeds/", "annotator/_data/resources/"):
    if not any(name.startswith(folder) for name in names):
        sys.exit(f"{sys.argv[1]} lacks {folder}")
print(f"{sys.argv[1]}: {len(names)} files, seeds and resources included")
PY
"$py" -m pip install --quiet "$wheel"  # with its dependencies
"$py" -m pip install --quiet --force-reinstall --no-deps "$wheel"  # this build, same version or not
version=$("$py" -c "import annotator; print(annotator.__version__)")

# -- the frozen app ------------------------------------------------------------------------------
say "PyInstaller: dist/annotator/"
freeze_started=$SECONDS
"$bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/annotator.spec
freeze_seconds=$((SECONDS - freeze_started))
app=dist/annotator/annotator
[ -f "$app.exe" ] && app="$app.exe"
[ -x "$app" ] || fail "PyInstaller made no $app"
bundled="dist/annotator/_internal/annotator/_data"
for needed in "$bundled/seeds" "$bundled/resources/briefing-template.docx" \
    "$bundled/resources/icons/annotator.svg"; do
    [ -e "$needed" ] || fail "the frozen app lacks $needed"
done
if command -v file >/dev/null 2>&1 && [ "$(uname -s)" = Linux ]; then
    unstripped=$(find dist/annotator -type f \( -name '*.so*' -o -name annotator \) -exec file {} + \
        | grep -c 'not stripped' || true)
    [ "$unstripped" = 0 ] || fail "$unstripped binaries still carry their symbols"
    echo "every binary is stripped"
fi
if [ "$(uname -s)" = Linux ]; then
    # What install-desktop.sh installs, beside the app: the frozen folder installs itself.
    desktop=dist/annotator/desktop
    mkdir -p "$desktop"
    cp packaging/annotator.desktop packaging/io.github.annotator.Annotator.metainfo.xml \
        packaging/annotator-project.xml "$desktop/"
    "$py" packaging/render_icons.py "$desktop/icons" >/dev/null
    cp packaging/install-desktop.sh dist/annotator/
fi
size=$(du -sh dist/annotator | cut -f1)

# -- smoke test: the frozen command line and the GUI, in a private data folder -------------------
say "smoke test"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ANNOTATOR_DATA_DIR="$tmp/data"  # never the user's own default project or settings
limit=()
command -v timeout >/dev/null 2>&1 && limit=(timeout 120)

run() {  # run the frozen app; on failure show its output and stop
    local out
    if ! out=$(${limit[@]+"${limit[@]}"} "$app" "$@" 2>&1); then
        printf '%s\n' "$out" >&2
        fail "annotator $*"
    fi
    printf '%s\n' "$out"
}

got=$(run --version)
[ "$got" = "annotator $version" ] || fail "--version printed '$got', expected 'annotator $version'"
echo "--version: $got"

project="$tmp/smoke.annotator"
run --project "$project" add "$bundled/seeds" | tail -n 1
seed=$(ls "$bundled/seeds" | head -n 1)
quote=$("$py" - "$bundled/seeds/$seed" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8-sig").read().replace("\r\n", "\n")
for line in text.splitlines():
    words = line.split()
    for start in range(0, max(0, len(words) - 8)):
        quote = " ".join(words[start : start + 8])
        if text.count(quote) == 1:
            print(quote)
            sys.exit(0)
sys.exit(f"no passage of eight words occurs once in {sys.argv[1]}")
PY
)
run --project "$project" tag add Smoke >/dev/null
run --project "$project" annotate "$seed" --quote "$quote" --tag Smoke --note "smoke test"
count=$(run --project "$project" excerpts --tag Smoke --json | "$py" -c "import json, sys; print(len(json.load(sys.stdin)))")
[ "$count" = 1 ] || fail "excerpts --tag Smoke listed $count excerpts, expected 1"
run --project "$project" export --format docx --out "$tmp/briefing.docx"
"$py" - "$tmp/briefing.docx" "$quote" <<'PY'
import sys
import docx
document = docx.Document(sys.argv[1])
text = "\n".join(p.text for p in document.paragraphs)
if sys.argv[2] not in text:
    sys.exit(f"{sys.argv[1]} does not contain the annotated quote")
print(f"{sys.argv[1]}: opens with python-docx, {len(document.paragraphs)} paragraphs, quote found")
PY

# The source readers (lxml, readability, python-docx, pdfium) inside the frozen app: a saved web
# page, a Word file and a PDF, each with its metadata, are added and read.
mkdir -p "$tmp/sources"
"$py" - "$tmp/sources" <<'PY'
import sys
from pathlib import Path
import docx
folder = Path(sys.argv[1])
body = "Trade between the two powers grew quickly after the border was settled in 2008. " * 6
(folder / "page.html").write_text(
    "<!doctype html><html><head><title>Border Trade | The Daily</title>"
    '<meta name="author" content="Luna Pham"></head><body><nav>Home | World | Skip to content'
    f"</nav><article><h1>Border Trade</h1><p>{body}</p><p>{body}</p></article></body></html>",
    encoding="utf-8",
)
document = docx.Document()
document.core_properties.title = "Pipeline Politics"
document.core_properties.author = "Ivan Petrov"
document.add_paragraph(body)
document.save(folder / "memo.docx")
# A one-page PDF written by hand (no PDF library needed): its title and author in the Info.
text = "Partners without an alliance: the two navies patrol together in the Pacific."
stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
    b"/Resources << /Font << /F1 5 0 R >> >> >>",
    b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"<< /Title (Naval Ties) /Author (Anna Kireeva) >>",
]
out, offsets = bytearray(b"%PDF-1.4\n"), []
for number, body_bytes in enumerate(objects, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % number + body_bytes + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
    len(objects) + 1, xref)
(folder / "naval.pdf").write_bytes(bytes(out))
PY
run --project "$project" add "$tmp/sources" | tail -n 1
run --project "$project" docs --json >"$tmp/docs.json"
"$py" - "$tmp/docs.json" <<'PY'
import json, sys
docs = {d["path"]: d for d in json.load(open(sys.argv[1], encoding="utf-8"))}
expected = {"page.html": ("html", "Luna Pham"), "memo.docx": ("docx", "Ivan Petrov"),
            "naval.pdf": ("pdf", "Anna Kireeva")}
for path, (fmt, author) in expected.items():
    doc = docs.get(path)
    if doc is None or doc["format"] != fmt or author not in doc["authors"] or doc["words"] < 5:
        sys.exit(f"the frozen app read {path} wrongly: {doc}")
    print(f"{path}: {fmt}, {doc['title']!r} by {author}, {doc['words']} words")
PY

# 250 files at once are read by worker processes (services/read_ahead.py), each the frozen app
# started again: freeze_support in the launcher hands them over to the worker code.
mkdir -p "$tmp/many"
for i in $(seq -w 1 250); do
    printf 'Report %s\n\nGrain went through Vladivostok in week %s of the year.\n' "$i" "$i" \
        >"$tmp/many/report$i.txt"
done
added=$(run --project "$project" add "$tmp/many" | tail -n 1)
echo "$added"
grep -q "250" <<<"$added" || fail "the frozen app did not add the 250 files read ahead: $added"

gui() {  # start the GUI offscreen; it closes itself once painted and done with its start-up scan
    local out status=0
    out=$(QT_QPA_PLATFORM=offscreen ANNOTATOR_QUIT_AFTER_SHOW=1 ${limit[@]+"${limit[@]}"} "$app" "$@" 2>&1) \
        || status=$?
    if [ "$status" != 0 ] || ! grep -q "first paint" <<<"$out" || grep -q Traceback <<<"$out"; then
        printf '%s\n' "$out" >&2
        fail "the GUI on $* (exit status $status)"
    fi
    echo "GUI on $(basename "$1"): painted and closed, exit status 0"
}
gui "$tmp/new.annotator"
gui "$project"

# One window per project: a second start on an open project hands over to the first window.
QT_QPA_PLATFORM=offscreen "$app" "$project" >"$tmp/first.log" 2>&1 &
first=$!
"$py" - "$project" "$first" <<'PY' || { kill "$first" 2>/dev/null; fail "the first window never came up"; }
import os, sys, time
from PySide6.QtCore import QCoreApplication
from annotator.ui.instance import ProjectInstance
app = QCoreApplication([])
deadline = time.monotonic() + 60
while not ProjectInstance(sys.argv[1]).ask_owner_to_raise(500):
    os.kill(int(sys.argv[2]), 0)  # it died: stop waiting
    if time.monotonic() > deadline:
        sys.exit("no answer in 60 s")
    time.sleep(0.2)
PY
second=$(QT_QPA_PLATFORM=offscreen ANNOTATOR_QUIT_AFTER_SHOW=1 ${limit[@]+"${limit[@]}"} "$app" "$project" 2>&1) \
    || { kill "$first"; fail "a second start on an open project: $second"; }
kill "$first" 2>/dev/null || true
wait "$first" 2>/dev/null || true
grep -q "already open in another Annotator window" <<<"$second" \
    || fail "a second start on an open project did not hand over: $second"
echo "second start on an open project: handed over to the first window"

if [ -x dist/annotator/install-desktop.sh ]; then
    XDG_DATA_HOME="$tmp/share" dist/annotator/install-desktop.sh >/dev/null
    entry="$tmp/share/applications/annotator.desktop"
    grep -Eq "^Exec=\"?$PWD/dist/annotator/annotator\"? %f$" "$entry" \
        || fail "the installed menu entry does not start the frozen app: $(grep ^Exec= "$entry")"
    [ -f "$tmp/share/icons/hicolor/256x256/apps/annotator.png" ] || fail "no 256 px icon installed"
    echo "install-desktop.sh from the frozen folder: menu entry, icons, metainfo, MIME type"
fi

say "done"
echo "version:    $version"
echo "app:        $app"
echo "size:       $size (du -sh dist/annotator)"
echo "PyInstaller $freeze_seconds s; build and smoke test $((SECONDS - started)) s"
