# Sourced by the test and benchmark scripts: installs the moto server (the
# AWS API emulator the integration tests run against) into .venv when it is
# missing, and points the tests at it.
MOTO_VERSION="5.2.5"
if ! .venv/bin/python -c "import moto, sys; sys.exit(moto.__version__ != '$MOTO_VERSION')" 2>/dev/null; then
    echo "installing moto[server]==$MOTO_VERSION into .venv" >&2
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
fi
export ORGGUARD_MOTO_SERVER="$PWD/.venv/bin/moto_server"
