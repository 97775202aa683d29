#!/usr/bin/env bash
# Install Annotator into the Linux desktop for this user (no root): the menu entry, the icon at
# the usual sizes, AppStream metainfo, and the MIME type of .annotator project files, so that a
# double-click on a project opens it in Annotator.
#
#   install-desktop.sh [APP]        APP: the annotator executable the menu entry starts
#   install-desktop.sh --uninstall  remove what an install put there
#
# Without APP: the frozen app beside this script (when it sits in dist/annotator/), otherwise
# `annotator` on PATH. Files go under $XDG_DATA_HOME (default ~/.local/share).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
DESKTOP_ID=annotator.desktop
METAINFO=io.github.annotator.Annotator.metainfo.xml
MIME_XML=annotator-project.xml
ICON=annotator
SIZES="16 24 32 48 64 128 256 512"

fail() { echo "install-desktop.sh: $*" >&2; exit 1; }

refresh() {  # let the desktop see the change; each tool is optional
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data_home/mime"
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data_home/applications"
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -f -t "$data_home/icons/hicolor" || true
    fi
}

installed_files() {
    echo "$data_home/applications/$DESKTOP_ID"
    echo "$data_home/metainfo/$METAINFO"
    echo "$data_home/mime/packages/$MIME_XML"
    echo "$data_home/icons/hicolor/scalable/apps/$ICON.svg"
    for size in $SIZES; do
        echo "$data_home/icons/hicolor/${size}x${size}/apps/$ICON.png"
    done
}

if [ "${1:-}" = "--uninstall" ]; then
    [ $# -eq 1 ] || fail "--uninstall takes no other argument"
    installed_files | while read -r file; do rm -f "$file"; done
    mkdir -p "$data_home/mime/packages" "$data_home/applications"
    refresh
    echo "Annotator's desktop entry, icons, metainfo and MIME type removed from $data_home"
    exit 0
fi
case "${1:-}" in -*) fail "unknown option $1 (use: [APP] or --uninstall)" ;; esac
[ $# -le 1 ] || fail "give at most one APP"

# Where the desktop files come from: beside this script in a frozen app (build.sh puts them in
# dist/annotator/desktop/, icons rendered), or packaging/ in a checkout (icons rendered now).
if [ -d "$here/desktop" ]; then
    source_dir="$here/desktop"
    icons="$source_dir/icons"
    beside="$here/annotator"
else
    source_dir="$here"
    icons=$(mktemp -d)
    trap 'rm -rf "$icons"' EXIT
    python=${PYTHON:-}
    if [ -z "$python" ]; then
        for candidate in "$here/../build/venv/bin/python" "$here/../.venv/bin/python" python3; do
            if "$candidate" -c "import PySide6.QtSvg" >/dev/null 2>&1; then
                python=$candidate
                break
            fi
        done
    fi
    [ -n "$python" ] || fail "rendering the icon needs a Python with PySide6: set PYTHON=…"
    "$python" "$here/render_icons.py" "$icons" >/dev/null
    beside=""
fi

# The program the menu entry and a double-click start: absolute, so the desktop's PATH (which
# may lack ~/.local/bin or a venv) does not matter.
if [ $# -eq 1 ]; then
    app=$1
elif [ -n "$beside" ] && [ -x "$beside" ]; then
    app=$beside
elif app=$(command -v annotator); then
    :
else
    app=annotator
    echo "install-desktop.sh: warning: no annotator on PATH; the entry runs 'annotator'" >&2
fi
if [ "$app" != annotator ]; then
    [ -f "$app" ] && [ -x "$app" ] || fail "$app is not an executable file"
    app=$(cd "$(dirname "$app")" && pwd)/$(basename "$app")
fi

exec_quoted() {  # the Desktop Entry spec's quoting for one Exec argument
    local arg=$1
    case $arg in
        *[[:space:]\"\'\\\`\$\;\&\|\<\>\(\)\*\?\#\~]*)
            arg=${arg//\\/\\\\}
            arg=${arg//\"/\\\"}
            arg=${arg//\`/\\\`}
            arg=${arg//\$/\\\$}
            arg="\"$arg\""
            # A backslash in the file's value is itself written as two.
            arg=${arg//\\/\\\\}
            ;;
    esac
    printf '%s' "${arg//%/%%}"
}

mkdir -p "$data_home/applications" "$data_home/metainfo" "$data_home/mime/packages" \
    "$data_home/icons/hicolor/scalable/apps"
exec_line="Exec=$(exec_quoted "$app") %f"
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        Exec=*) printf '%s\n' "$exec_line" ;;
        *) printf '%s\n' "$line" ;;
    esac
done <"$source_dir/annotator.desktop" >"$data_home/applications/$DESKTOP_ID"
cp "$source_dir/$METAINFO" "$data_home/metainfo/$METAINFO"
cp "$source_dir/$MIME_XML" "$data_home/mime/packages/$MIME_XML"
cp "$icons/scalable/apps/$ICON.svg" "$data_home/icons/hicolor/scalable/apps/$ICON.svg"
for size in $SIZES; do
    mkdir -p "$data_home/icons/hicolor/${size}x${size}/apps"
    cp "$icons/${size}x${size}/apps/$ICON.png" "$data_home/icons/hicolor/${size}x${size}/apps/"
done
refresh
echo "Annotator installed for this desktop under $data_home"
echo "  menu entry: $data_home/applications/$DESKTOP_ID ($exec_line)"
echo "  .annotator files: application/x-annotator-project, opened by Annotator"
