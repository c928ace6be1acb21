#!/usr/bin/env bash
# Builds Keyfolio's release artifacts into artifacts/:
#   artifacts/keyfolio.<version>.nupkg        the .NET tool (dotnet tool install -g keyfolio --add-source artifacts)
#   artifacts/<rid>/keyfolio[.exe]            one self-contained single-file executable per platform
# Usage: build/release.sh [--rid RID]... [--no-tool] [--out DIR] [--tool-from-build]
#   --out DIR          writes the artifacts to DIR instead of artifacts/
#   --tool-from-build  packs the tool from the build already made (dotnet build -c Release, or the
#                      configuration in KEYFOLIO_RELEASE_CONFIGURATION)
#   With no --rid, every platform Keyfolio ships for is built: linux-x64, linux-arm64, win-x64, osx-arm64.
#   ReadyToRun (precompiled code, a faster cold start) is used where its compiler package is available for the
#   machine that builds (linux-x64 here); other platforms are built without it and say so.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/artifacts"
configuration="${KEYFOLIO_RELEASE_CONFIGURATION:-Release}"
rids=()
tool=1
pack_args=()

while [ $# -gt 0 ]; do
  case "$1" in
    --rid) [ $# -ge 2 ] || { echo "release.sh: --rid needs a runtime identifier, e.g. --rid linux-x64" >&2; exit 2; }
           rids+=("$2"); shift 2 ;;
    --no-tool) tool=0; shift ;;
    --out) [ $# -ge 2 ] || { echo "release.sh: --out needs a folder" >&2; exit 2; }
           out=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --tool-from-build) pack_args+=(--no-build); shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown option '$1'. Run build/release.sh --help." >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64 win-x64 osx-arm64)

command -v dotnet >/dev/null 2>&1 || { echo "release.sh: the .NET 10 SDK is needed (https://dot.net)." >&2; exit 1; }
mkdir -p "$out"

# ReadyToRun needs a crossgen compiler for the building machine; only linux-x64 builders have one here.
host_rid="$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"

for rid in "${rids[@]}"; do
  case "$rid" in
    linux-x64|linux-arm64|win-x64|osx-arm64) ;;
    *) echo "release.sh: '$rid' is not a platform Keyfolio ships for (linux-x64, linux-arm64, win-x64, osx-arm64)." >&2; exit 2 ;;
  esac
  r2r=false
  [ "$host_rid" = linux-x64 ] && [ "$rid" = linux-x64 ] && r2r=true
  echo "release.sh: $rid (self-contained single file, ReadyToRun: $r2r)..."
  rm -rf "$out/$rid"
  dotnet publish src/Keyfolio.Cli/Keyfolio.Cli.csproj -c Release -r "$rid" --self-contained true \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishReadyToRun=$r2r \
    -p:DebugType=none -p:PackAsTool=false \
    -o "$out/$rid" -nologo -clp:ErrorsOnly
  # Only the executable ships: nothing must be installed beside it.
  find "$out/$rid" -type f ! -name keyfolio ! -name keyfolio.exe -delete
  ls "$out/$rid"/keyfolio* >/dev/null
done

if [ "$tool" = 1 ]; then
  echo "release.sh: the .NET tool package..."
  dotnet pack src/Keyfolio.Cli/Keyfolio.Cli.csproj -c "$configuration" -o "$out" -nologo -clp:ErrorsOnly ${pack_args[@]+"${pack_args[@]}"}
fi

echo "release.sh: done. Artifacts in $out:"
find "$out" -maxdepth 2 -type f \( -name 'keyfolio' -o -name 'keyfolio.exe' -o -name '*.nupkg' \) -printf '  %P (%s bytes)\n' | sort
