#!/usr/bin/env bash
# Runs Keyfolio's whole test suite: checks the tools the tests need (installing Chromium and
# PostgreSQL from Debian's packages when they are missing and we may), starts a throwaway
# PostgreSQL cluster for the tests, builds the solution with warnings as errors, runs every test
# project, and ends with one line: "N passed, N failed, N skipped".
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

# --- PostgreSQL ------------------------------------------------------------------------------
# The PostgreSQL store's tests run against a real server: KEYFOLIO_TEST_POSTGRES when it is set (an
# Npgsql connection string whose role may CREATE DATABASE), otherwise a throwaway cluster started
# here in a temporary directory, on a free loopback port, and removed when this script exits.
find_postgres() {
  pg_bin=""
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/psql" ] && { pg_bin=$dir; return 0; }
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && command -v psql >/dev/null 2>&1; then
    pg_bin=$(dirname "$(command -v initdb)")
    return 0
  fi
  return 1
}
# The cluster runs as the postgres system user when we are root (initdb refuses root), else as us.
as_pg() {
  if [ "$(id -u)" = 0 ]; then (cd "$pg_dir" && runuser -u postgres -- "$@"); else "$@"; fi
}
pg_dir=""
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  [ -f "$pg_dir/data/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"
  pg_dir=""
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -n "${KEYFOLIO_TEST_POSTGRES:-}" ]; then
  echo "test.sh: PostgreSQL tests use the server in KEYFOLIO_TEST_POSTGRES."
else
  if ! find_postgres; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "test.sh: PostgreSQL is missing; installing it from Debian's packages (apt-get install postgresql)..."
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } ||
        fail "could not install PostgreSQL with apt-get. Install it yourself ('apt-get install postgresql') or set KEYFOLIO_TEST_POSTGRES to a server's connection string (Host=…;Port=…;Username=…;Password=…;Database=postgres, for a role that may CREATE DATABASE)."
      find_postgres || fail "apt-get installed postgresql, but initdb, pg_ctl and psql are not under /usr/lib/postgresql/*/bin."
    else
      fail "PostgreSQL is needed for the PostgreSQL store's tests and is not installed. Run 'sudo apt-get install postgresql' (Debian/Ubuntu), or set KEYFOLIO_TEST_POSTGRES to a server's connection string (Host=…;Port=…;Username=…;Password=…;Database=postgres, for a role that may CREATE DATABASE), then run ./test.sh again."
    fi
  fi

  trap stop_postgres EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM HUP
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/keyfolio-postgres-XXXXXX") || fail "could not create a temporary directory for PostgreSQL."
  echo "$$" >"$pg_dir/owner.pid"
  if [ "$(id -u)" = 0 ]; then
    id -u postgres >/dev/null 2>&1 ||
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres ||
      fail "could not create the postgres system user the test cluster runs as (initdb refuses to run as root)."
    { chown postgres: "$pg_dir" && runuser -u postgres -- test -w "$pg_dir"; } ||
      fail "the postgres user cannot write $pg_dir; set TMPDIR to a directory it can reach (e.g. /tmp)."
  fi
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C --no-sync >"$pg_dir/initdb.log" 2>&1 ||
    fail "initdb failed: $(tail -n 5 "$pg_dir/initdb.log")"
  printf '%s\n' "listen_addresses = '127.0.0.1'" "unix_socket_directories = '$pg_dir'" "max_connections = 200" \
    "fsync = off" "synchronous_commit = off" "full_page_writes = off" >>"$pg_dir/data/postgresql.conf"
  pg_port=""
  for port in $(seq 55432 55531); do
    port_in_use "$port" && continue
    rm -f "$pg_dir/server.log"
    if as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
      pg_port=$port
      break
    fi
    # Another process took the port between the check and the start: try the next one.
    grep -q "could not bind\|could not create any TCP/IP sockets" "$pg_dir/server.log" 2>/dev/null ||
      fail "the test PostgreSQL server did not start: $(tail -n 5 "$pg_dir/server.log" 2>/dev/null)"
  done
  [ -n "$pg_port" ] || fail "found no free loopback port for the test PostgreSQL server between 55432 and 55531."
  pg_password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  echo "CREATE ROLE keyfolio_test LOGIN CREATEDB PASSWORD '$pg_password';" |
    as_pg "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p "$pg_port" -U postgres -d postgres >/dev/null ||
    fail "could not create the keyfolio_test role on the test PostgreSQL server."
  export KEYFOLIO_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=keyfolio_test;Password=$pg_password;Database=postgres"
  echo "test.sh: PostgreSQL tests use a throwaway PostgreSQL $("$pg_bin/pg_ctl" --version | awk '{print $3}') cluster on 127.0.0.1:$pg_port (role keyfolio_test)."
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
