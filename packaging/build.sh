#!/usr/bin/env bash
# Build the wheel and sdist into dist/, then check the wheel carries seeds/ and resources/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip wheel --no-deps -w dist . >/dev/null
wheel=$(ls -t dist/annotator-*.whl | head -n 1)
python3 - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for folder in ("annotator/_data/seeds/", "annotator/_data/resources/"):
    if not any(name.startswith(folder) for name in names):
        sys.exit(f"{sys.argv[1]} lacks {folder}")
print(f"{sys.argv[1]}: {len(names)} files, seeds and resources included")
PY
