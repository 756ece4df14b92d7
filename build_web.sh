#!/usr/bin/env bash
# Build Uphill for the browser with pygbag 0.9.3: build/web/ (index.html + app archive) and build/web.zip.
#
#   ./build_web.sh [--template FILE|cdn] [--out DIR]
#
# The page is web/uphill.tmpl (pygbag 0.9.3's default page plus the screen readers' live region) unless
# --template names another file, or "cdn" for pygbag's own default from its CDN.
# Environment: UPHILL_WEB_TEMPLATE (same as --template), UPHILL_WEB_OUT (same as --out, default build),
# UPHILL_WEB_CDN (pygbag runtime/template base URL), UPHILL_WEB_PYTHON (a Python that has pygbag 0.9.3),
# UPHILL_WEB_TIMEOUT (seconds allowed for pygbag, default 300), UPHILL_WEB_MAX_KB (archive budget, default 500).
# Only main.py, game/, surfaces/ and assets/ are staged (into OUT/stage/uphill) and packed; the source tree
# is never touched, so pygbag's in-place black/pngquant passes only ever see the copy.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYGBAG_VERSION="0.9.3"
APP="uphill"                                  # stage folder name = archive name (uphill.apk, uphill.tar.gz)
REPO_TEMPLATE="$ROOT/web/uphill.tmpl"         # pygbag 0.9.3's default.tmpl + the aria-live readout region
TEMPLATE="${UPHILL_WEB_TEMPLATE:-$REPO_TEMPLATE}"
OUT="${UPHILL_WEB_OUT:-$ROOT/build}"
CDN="${UPHILL_WEB_CDN:-https://pygame-web.github.io/cdn/$PYGBAG_VERSION/}"
TIMEOUT="${UPHILL_WEB_TIMEOUT:-300}"
MAX_KB="${UPHILL_WEB_MAX_KB:-500}"
ICON="$ROOT/assets/favicon.png"
TEST_TEMPLATE="tests/web/template.tmpl"

step() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf 'build_web.sh: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --template) [[ $# -ge 2 ]] || { echo "build_web.sh: --template needs a FILE" >&2; exit 2; }
                    TEMPLATE="$2"; shift 2 ;;
        --template=*) TEMPLATE="${1#*=}"; shift ;;
        --out) [[ $# -ge 2 ]] || { echo "build_web.sh: --out needs a DIR" >&2; exit 2; }
               OUT="$2"; shift 2 ;;
        --out=*) OUT="${1#*=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "build_web.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

[[ "$CDN" == */ ]] || CDN="$CDN/"
if [[ "$TEMPLATE" == cdn ]]; then TEMPLATE=""; fi   # pygbag's own default page, from the CDN or its cache
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAGE="$OUT/stage/$APP"
LOG="$OUT/web-build.log"
HOST_PYTHON="$(command -v python3 || command -v python || true)"
[[ -n "$HOST_PYTHON" ]] || die "python3 not found on PATH"
command -v timeout >/dev/null || die "the 'timeout' command (coreutils) is needed"

kib() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
size_of() { wc -c < "$1" | tr -d ' '; }

# 1. template: a local file, pygbag's cached copy, or the CDN must answer -- pygbag itself retries forever.
step "checking the page template"
if [[ -n "$TEMPLATE" ]]; then
    [[ -f "$TEMPLATE" ]] || die "template '$TEMPLATE' is not a file"
    TEMPLATE="$(cd "$(dirname "$TEMPLATE")" && pwd)/$(basename "$TEMPLATE")"
    note "local template: $TEMPLATE"
else
    CACHED="$STAGE/build/web-cache/$("$HOST_PYTHON" -c 'import hashlib, sys; print(hashlib.md5(sys.argv[1].encode()).hexdigest())' "${CDN}default.tmpl").tmpl"
    if [[ -f "$CACHED" && "$(cat "$STAGE/build/version.txt" 2>/dev/null || true)" == "$PYGBAG_VERSION" ]]; then
        note "pygbag's cached template: $CACHED"
    elif timeout 10 "$HOST_PYTHON" - "${CDN}default.tmpl" <<'PY' >/dev/null 2>&1
import sys, urllib.request
with urllib.request.urlopen(urllib.request.Request(sys.argv[1], method="HEAD"), timeout=5) as reply:
    sys.exit(0 if reply.status == 200 else 1)
PY
    then
        note "CDN answers: ${CDN}default.tmpl"
    else
        die "no internet: cannot reach ${CDN}default.tmpl, and pygbag would wait for it forever.
    Leave out --template cdn to use the repository's page (web/uphill.tmpl), or pass --template FILE or set
    UPHILL_WEB_TEMPLATE=FILE (a test template lives at $TEST_TEMPLATE; it builds everything offline, but the
    page it makes is only a test page)."
    fi
fi
[[ -f "$ICON" ]] || die "icon $ICON is missing"

# 2. a Python with pygbag 0.9.3: UPHILL_WEB_PYTHON, the project's .venv, build/.venv-web, or a new build/.venv-web.
step "finding pygbag $PYGBAG_VERSION"
has_pygbag() {
    [[ -x "$1" ]] && "$1" -c 'import importlib.metadata as m, sys; sys.exit(m.version("pygbag") != sys.argv[1])' \
        "$PYGBAG_VERSION" >/dev/null 2>&1
}
PY=""
for candidate in "${UPHILL_WEB_PYTHON:-}" "$ROOT/.venv/bin/python" "$ROOT/build/.venv-web/bin/python"; do
    if [[ -n "$candidate" ]] && has_pygbag "$candidate"; then PY="$candidate"; break; fi
done
if [[ -z "$PY" ]]; then
    note "creating build/.venv-web and installing pygbag==$PYGBAG_VERSION"
    "$HOST_PYTHON" -m venv "$ROOT/build/.venv-web" || die "cannot create $ROOT/build/.venv-web"
    timeout 300 "$ROOT/build/.venv-web/bin/python" -m pip install --quiet --disable-pip-version-check \
        "pygbag==$PYGBAG_VERSION" || die "cannot install pygbag==$PYGBAG_VERSION (no access to the package index?)"
    PY="$ROOT/build/.venv-web/bin/python"
fi
note "python: $PY"
if "$PY" -c 'import black' >/dev/null 2>&1; then
    note "black is importable: pygbag will reformat the staged copy (never the source)"
else
    note "black is not importable: pygbag packs the sources as they are"
fi

# 3. stage a clean copy: main.py, game/, surfaces/, assets/ -- no tests, caches, venvs, build or VCS files.
step "staging the game into ${STAGE#"$ROOT"/}"
[[ -f "$ROOT/main.py" && -d "$ROOT/game" ]] || die "main.py and game/ must exist in $ROOT"
mkdir -p "$STAGE"
find "$STAGE" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} +   # keep pygbag's template cache
rm -rf "$STAGE/build/web" "$STAGE/build/web.zip"
mkdir -p "$STAGE/build/web"
SOURCES=(main.py game)
for extra in surfaces assets; do
    if [[ -d "$ROOT/$extra" ]]; then SOURCES+=("$extra"); fi
done
EXCLUDES=(--exclude=__pycache__ --exclude='*.pyc' --exclude='.*' --exclude='*~' --exclude='*.orig' --exclude='*.md'
          --exclude='*.po')   # catalogue sources: the game reads the committed .mo next to each
tar -C "$ROOT" "${EXCLUDES[@]}" -cf - "${SOURCES[@]}" | tar -C "$STAGE" -xf -
STAGED="$(cd "$STAGE" && find . -path ./build -prune -o -type f -print | wc -l | tr -d ' ')"
note "$STAGED files from: ${SOURCES[*]}"

# 4. pack with pygbag, bounded in time. It reads pygbag.ini from the directory it runs in.
step "packing with pygbag (log: ${LOG#"$ROOT"/})"
ARGS=(--build --archive --ume_block 0 --title Uphill --cdn "$CDN" --icon "$ICON")
if [[ -n "$TEMPLATE" ]]; then ARGS+=(--template "$TEMPLATE"); fi
set +e
(cd "$ROOT" && timeout --kill-after=10 "$TIMEOUT" "$PY" -m pygbag "${ARGS[@]}" "$STAGE") >"$LOG" 2>&1
STATUS=$?
set -e
if [[ $STATUS -eq 124 || $STATUS -eq 137 ]]; then
    die "pygbag did not finish within ${TIMEOUT}s (see $LOG)"
elif [[ $STATUS -ne 0 ]]; then
    tail -n 15 "$LOG" >&2
    die "pygbag failed with exit code $STATUS (see $LOG)"
fi

# 5. check what pygbag made (it exits 0 even when it made nothing) and keep the archive within budget.
step "checking the output"
WEB="$STAGE/build/web"
for file in index.html favicon.png "$APP.apk" "$APP.tar.gz"; do
    [[ -f "$WEB/$file" ]] || { tail -n 15 "$LOG" >&2; die "pygbag produced no $file (see $LOG)"; }
done
[[ -f "$STAGE/build/web.zip" ]] || die "pygbag produced no web.zip (see $LOG)"
grep -q "$APP" "$WEB/index.html" || die "index.html does not name the archive $APP"
for file in "$APP.apk" "$APP.tar.gz"; do
    bytes="$(size_of "$WEB/$file")"
    (( bytes <= MAX_KB * 1024 )) || die "$file is $(kib "$bytes"), over the ${MAX_KB} KB budget"
done
# pygbag's web.zip has only the .apk (what itch.io serves); add the .tar.gz so the zip works on any host.
"$PY" - "$STAGE/build/web.zip" "$WEB/$APP.tar.gz" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "a", compression=zipfile.ZIP_STORED) as archive:
    if sys.argv[2].rsplit("/", 1)[-1] not in archive.namelist():
        archive.write(sys.argv[2], sys.argv[2].rsplit("/", 1)[-1])
PY

# 6. publish to OUT/web and OUT/web.zip.
step "copying to ${OUT#"$ROOT"/}/web and ${OUT#"$ROOT"/}/web.zip"
rm -rf "$OUT/web" "$OUT/web.zip"
cp -R "$WEB" "$OUT/web"
cp "$STAGE/build/web.zip" "$OUT/web.zip"
for file in "$OUT"/web/* "$OUT/web.zip"; do
    printf '    %-40s %10s\n' "${file#"$ROOT"/}" "$(kib "$(size_of "$file")")"
done
step "done in ${SECONDS}s: serve with  python3 -m http.server -d ${OUT#"$ROOT"/}/web  (needs internet for pygbag's runtime)"
