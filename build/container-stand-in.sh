#!/usr/bin/env bash
# Builds local stand-ins for the two base images the Dockerfile names, for a machine that cannot pull
# mcr.microsoft.com: a Debian root file system from the host's own Debian mirror plus the host's .NET.
#   localhost/stand-in/dotnet-aspnet:10.0   for ARG RUNTIME_IMAGE (like mcr.microsoft.com/dotnet/aspnet:10.0)
#   localhost/stand-in/dotnet-sdk:10.0      for ARG SDK_IMAGE     (like mcr.microsoft.com/dotnet/sdk:10.0)
# They copy what the Dockerfile relies on in the official images: the runtime-deps packages, the user "app" with
# uid 1654 and APP_UID=1654, ASPNETCORE_HTTP_PORTS=8080, dotnet in /usr/share/dotnet and on PATH, bash, and (sdk)
# root with working apt sources. They are not Microsoft's images: the official ones are Ubuntu 24.04 based.
#
# Usage (as root, on Debian, with podman, debootstrap and the .NET 10 SDK installed; runc too where crun fails):
#   build/container-stand-in.sh [--force]
#   --force   rebuilds the root file systems and images even where they exist already
# Then build Keyfolio's image on them (docs/operating.md, "In a container"), after the CONTAINERS_CONF export
# the script prints where this machine's podman needs one:
#   podman build --format docker -t keyfolio:local \
#     --build-arg SDK_IMAGE=localhost/stand-in/dotnet-sdk:10.0 \
#     --build-arg RUNTIME_IMAGE=localhost/stand-in/dotnet-aspnet:10.0 .
#
# Settings (environment): KEYFOLIO_STAND_IN_DIR (work folder, default /var/tmp/keyfolio-stand-in; nothing is
# written inside the checkout), STAND_IN_SUITE and STAND_IN_MIRROR (default: the host's Debian suite and the
# mirror its apt uses), STAND_IN_DOTNET_ROOT (default: the folder of the host's dotnet).
set -euo pipefail

force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "container-stand-in.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
esac

fail() { echo "container-stand-in.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run it as root (debootstrap and chroot need it)."
for tool in podman debootstrap dotnet apt-cache; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install podman debootstrap; .NET 10 SDK for dotnet)."
done

# The project's framework: the stand-ins carry the host's runtimes of that major version.
framework_major=10.0
work="${KEYFOLIO_STAND_IN_DIR:-/var/tmp/keyfolio-stand-in}"
suite="${STAND_IN_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:?not a Debian host}")}"
dotnet_root="${STAND_IN_DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
runtime_image=localhost/stand-in/dotnet-aspnet:$framework_major
sdk_image=localhost/stand-in/dotnet-sdk:$framework_major

# The Debian archives the host's apt reads (origin Debian only), as "URI suite component", from apt's own view of
# its sources, whichever format they are written in.
debian_archives() {
  apt-cache policy | awk '
    /^ *[0-9]+ [a-z]+:\/\// { uri = $2; split($3, parts, "/"); next }
    uri != "" && /release / { if ($0 ~ /o=Debian,/) print uri, parts[1], parts[2]; uri = "" }' | sort -u
}
archives=$(debian_archives)
[ -n "$archives" ] || fail "the host's apt names no Debian archive: run apt-get update first."
mirror="${STAND_IN_MIRROR:-$(echo "$archives" | awk -v s="$suite" '$2 == s { print $1; exit }')}"
[ -n "$mirror" ] || fail "no Debian mirror for suite $suite in the host's apt sources; set STAND_IN_MIRROR."

# The runtime-deps packages whose names carry a version (libicu72 in bookworm, libssl3t64 from trixie on).
icu=$(apt-cache pkgnames libicu | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1)
ssl=libssl3
if apt-cache show libssl3t64 >/dev/null 2>&1; then ssl=libssl3t64; fi
[ -n "$icu" ] || fail "no libicu package in the host's apt lists: run apt-get update first."

runtime_version=$(dotnet --list-runtimes | awk -v m="$framework_major." '$1 == "Microsoft.AspNetCore.App" && index($2, m) == 1 { v = $2 } END { print v }')
netcore_version=$(dotnet --list-runtimes | awk -v m="$framework_major." '$1 == "Microsoft.NETCore.App" && index($2, m) == 1 { v = $2 } END { print v }')
sdk_version=$(dotnet --list-sdks | awk -v m="$framework_major." 'index($1, m) == 1 { v = $1 } END { print v }')
[ -n "$runtime_version" ] && [ -n "$netcore_version" ] && [ -n "$sdk_version" ] \
  || fail "the host's dotnet ($dotnet_root) has no .NET $framework_major SDK with its ASP.NET Core runtime."

echo "Stand-ins from Debian $suite ($mirror) and .NET from $dotnet_root: runtime $netcore_version, ASP.NET Core $runtime_version, SDK $sdk_version"
mkdir -p "$work"

# 1. The runtime-deps equivalent: a minimal Debian with what .NET needs, and the user "app" (uid/gid 1654).
base="$work/runtime-deps"
if [ "$force" -eq 1 ] || [ ! -f "$base/.stand-in-complete" ]; then
  rm -rf "$base"
  debootstrap --variant=minbase \
    --include="ca-certificates,libc6,libgcc-s1,$icu,$ssl,libstdc++6,tzdata,zlib1g" \
    "$suite" "$base" "$mirror"
  chroot "$base" groupadd --gid 1654 app
  chroot "$base" useradd --no-log-init --uid 1654 --gid 1654 --create-home app
  # apt sources as the host's: the same Debian archives (suite, updates, security), Debian's keyring.
  rm -f "$base/etc/apt/sources.list"
  echo "$archives" | awk '{ print "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]", $1, $2, $3 }' \
    > "$base/etc/apt/sources.list.d/debian.list"
  rm -rf "$base"/var/cache/apt/archives/*.deb "$base"/var/lib/apt/lists/* "$base"/var/log/*.log
  touch "$base/.stand-in-complete"
fi

# Copies the named parts of the host's dotnet root into a root file system's /usr/share/dotnet, dotnet on PATH.
add_dotnet() {
  local rootfs=$1; shift
  mkdir -p "$rootfs/usr/share/dotnet"
  (cd "$dotnet_root" && cp -a --parents "$@" "$rootfs/usr/share/dotnet/")
  ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
}

# Imports a root file system as an image with the official images' environment, unless it exists already.
import() {
  local rootfs=$1 image=$2; shift 2
  if [ "$force" -eq 0 ] && podman image exists "$image"; then
    echo "$image exists (use --force to rebuild it)"
    return
  fi
  local changes=(--change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                 --change "ENV APP_UID=1654" --change "ENV ASPNETCORE_HTTP_PORTS=8080"
                 --change "ENV DOTNET_RUNNING_IN_CONTAINER=true"
                 --change "ENV DOTNET_VERSION=$netcore_version" --change "ENV ASPNET_VERSION=$runtime_version")
  local change
  for change in "$@"; do changes+=(--change "$change"); done
  tar --numeric-owner --exclude=./.stand-in-complete -C "$rootfs" -c . \
    | podman import "${changes[@]}" --message "Keyfolio stand-in (Debian $suite + host .NET)" - "$image"
}

# 2. The aspnet equivalent: the host's shared runtimes (Microsoft.NETCore.App, Microsoft.AspNetCore.App) and host.
aspnet="$work/aspnet"
if [ "$force" -eq 1 ] || [ ! -f "$aspnet/.stand-in-complete" ]; then
  rm -rf "$aspnet"
  cp -a "$base" "$aspnet" && rm "$aspnet/.stand-in-complete"
  add_dotnet "$aspnet" dotnet LICENSE.txt ThirdPartyNotices.txt "host/fxr/$netcore_version" \
    "shared/Microsoft.NETCore.App/$netcore_version" "shared/Microsoft.AspNetCore.App/$runtime_version"
fi
import "$aspnet" "$runtime_image"

# 3. The sdk equivalent: the host's whole dotnet root (SDK, packs, templates), run as root like the official one.
# The host's NuGet sources (nuget.org unless its NuGet.Config names others) become the image's NuGet.Config.
sdk="$work/sdk"
if [ "$force" -eq 1 ] || [ ! -f "$sdk/.stand-in-complete" ]; then
  rm -rf "$sdk"
  cp -a "$base" "$sdk" && rm "$sdk/.stand-in-complete"
  add_dotnet "$sdk" .
  if [ -f "${HOME:-/root}/.nuget/NuGet/NuGet.Config" ]; then
    install -D -m 0644 "${HOME:-/root}/.nuget/NuGet/NuGet.Config" "$sdk/root/.nuget/NuGet/NuGet.Config"
  fi
  # The certificate authorities the host trusts beyond Debian's (a TLS-inspecting proxy on the way to NuGet and
  # npm, say): without them the build's restore fails with UntrustedRoot. Public certificates only.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$sdk/usr/local/share/ca-certificates/"
    chroot "$sdk" update-ca-certificates
  fi
fi
# NUGET_CERT_REVOCATION_MODE follows the host: where it is "offline", the certificate revocation servers are
# out of reach and NuGet's signature check would otherwise wait on them for every package.
sdk_changes=("ENV DOTNET_SDK_VERSION=$sdk_version" "ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false"
             "ENV DOTNET_NOLOGO=true" "ENV DOTNET_USE_POLLING_FILE_WATCHER=true" "ENV NUGET_XMLDOC_MODE=skip")
# Node.js reads its own list of authorities unless told to add the system's (which holds the host's extra ones).
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  sdk_changes+=("ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt")
fi
if [ -n "${NUGET_CERT_REVOCATION_MODE:-}" ]; then
  sdk_changes+=("ENV NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE")
fi
import "$sdk" "$sdk_image" "${sdk_changes[@]}"

touch "$aspnet/.stand-in-complete" "$sdk/.stand-in-complete"
podman image ls --filter reference='localhost/stand-in/*'

# 4. Whether podman starts a container here as it is configured. Where it cannot (crun refuses a host whose
# cgroups are hybrid, v1 plus v2; podman's default open-file and process limits exceed what the host may grant),
# a containers.conf with runc and lower limits is written for the build and the runs to use.
if ! podman run --rm "$runtime_image" true >/dev/null 2>&1; then
  conf="$work/containers.conf"
  printf '%s\n' '[containers]' 'default_ulimits = ["nofile=16384:16384", "nproc=16384:16384"]' \
    '[engine]' 'runtime = "runc"' > "$conf"
  command -v runc >/dev/null || fail "podman cannot start a container here with crun; apt-get install runc and run this again."
  CONTAINERS_CONF="$conf" podman run --rm "$runtime_image" true \
    || fail "podman cannot start a container here, even with $conf."
  echo "podman needs other settings on this machine: export CONTAINERS_CONF=$conf before building and running."
fi
