#!/usr/bin/env bash
# Runs Keyfolio's whole test suite: checks the tools the tests need (installing Chromium from
# Debian's packages when it is missing and we may), builds the solution with warnings as errors,
# runs every test project, and ends with one line: "N passed, N failed, N skipped".
set -uo pipefail

cd "$(dirname "$0")"
root=$(pwd)
results="$root/TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
configuration="${KEYFOLIO_TEST_CONFIGURATION:-Release}"

passed=0 failed=0 skipped=0

summary() { echo "$passed passed, $failed failed, $skipped skipped"; }
fail() { echo "test.sh: $*" >&2; summary; exit 1; }

# --- tools -----------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 ||
  fail "the .NET SDK is not installed. Install the .NET 10 SDK (https://dot.net) and run ./test.sh again."

sdk=$(dotnet --version 2>/dev/null) || fail "'dotnet --version' failed: the SDK pinned by global.json (10.0.4xx) is not installed."
case "$sdk" in 10.*) ;; *) fail "found .NET SDK $sdk; Keyfolio needs a .NET 10 SDK (10.0.400 or later).";; esac

# Browser tests drive Debian's Chromium through Playwright; Playwright never downloads a browser here.
if [ -z "${KEYFOLIO_CHROMIUM:-}" ]; then
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -x "$candidate" ] && { KEYFOLIO_CHROMIUM=$candidate; break; }
  done
fi
if [ -z "${KEYFOLIO_CHROMIUM:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: Chromium is missing; installing it from Debian's packages (apt-get install chromium)..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
      fail "could not install Chromium with apt-get. Install it yourself ('apt-get install chromium') or set KEYFOLIO_CHROMIUM to a Chromium binary."
    KEYFOLIO_CHROMIUM=/usr/bin/chromium
  else
    fail "Chromium is needed for the browser tests and is not installed. Run 'sudo apt-get install chromium' (Debian/Ubuntu) or set KEYFOLIO_CHROMIUM to a Chromium or Chrome binary, then run ./test.sh again."
  fi
fi
"$KEYFOLIO_CHROMIUM" --version >/dev/null 2>&1 || fail "$KEYFOLIO_CHROMIUM does not start ('$KEYFOLIO_CHROMIUM --version' failed)."
export KEYFOLIO_CHROMIUM

# The build restores the web app's browser libraries (QR decoding, charts) from npm.
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: npm is missing; installing it from Debian's packages (apt-get install nodejs npm)..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; } ||
      fail "could not install npm with apt-get. Install Node.js (18 or later) with npm yourself, then run ./test.sh again."
  else
    fail "npm is needed to build the web app (it restores the QR and chart libraries). Install Node.js (18 or later) with npm ('sudo apt-get install nodejs npm' on Debian/Ubuntu), then run ./test.sh again."
  fi
fi

# --- build -----------------------------------------------------------------------------------
echo "test.sh: building Keyfolio.slnx ($configuration, warnings are errors)..."
dotnet build Keyfolio.slnx -c "$configuration" -nologo -clp:ErrorsOnly ||
  fail "the build failed; the errors are above."

# --- test ------------------------------------------------------------------------------------
mkdir -p "$results"
projects=$(find tests -name '*.Tests.csproj' | sort)
[ -n "$projects" ] || fail "no test projects were found under tests/."
expected=$(echo "$projects" | wc -l)

echo "test.sh: running $expected test projects..."
dotnet test Keyfolio.slnx -c "$configuration" --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
test_exit=$?

# --- summary ---------------------------------------------------------------------------------
trx_count=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  trx_count=$((trx_count + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(value passed) f=$(value failed) e=$(value error) t=$(value timeout) a=$(value aborted) n=$(value notExecuted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${n:-0}))
done

status=0
if [ "$trx_count" -lt "$expected" ]; then
  echo "test.sh: only $trx_count of $expected test projects reported results; a test host crashed or did not start (see above)." >&2
  failed=$((failed + expected - trx_count))
  status=1
fi
[ "$test_exit" = 0 ] || status=1
[ "$failed" = 0 ] || status=1
if [ "$passed" = 0 ]; then
  echo "test.sh: no test ran." >&2
  status=1
fi
summary
exit "$status"
