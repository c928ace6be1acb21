# Keyfolio in a container: built from this checkout, run on the official ASP.NET Core runtime image as a non-root
# user, with its data in the /data volume. Build: docker build -t keyfolio .   Run: see compose.yaml and
# docs/operating.md (the container listens on all of its interfaces; publish its port on the host's loopback, or
# behind a TLS proxy).

# The base images: Microsoft's by default. Override them only to build on local copies of the same images
# (docs/operating.md shows a verification build on stand-ins, build/container-stand-in.sh).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
# The web app restores its browser libraries (QR decoding, charts) with npm during the build.
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Keyfolio.Cli/Keyfolio.Cli.csproj -c Release -o /app -p:PackAsTool=false -nologo

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app .
# The image's own unprivileged user ($APP_UID); the data directory is its alone (Keyfolio keeps it 0700).
RUN mkdir -p /data && chown "$APP_UID" /data && chmod 0700 /data
USER $APP_UID
ENV KEYFOLIO_HOME=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME ["/data"]
EXPOSE 8080
# Liveness from inside the container, with bash alone (the runtime image has no HTTP client).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/app/keyfolio"]
# Plain http on every interface of the container only: TLS is the proxy's in front of it (docs/operating.md).
# Name the host names clients use in --allowed-hosts (compose.yaml takes them from KEYFOLIO_ALLOWED_HOSTS).
CMD ["serve", "--urls", "http://0.0.0.0:8080", "--allow-remote", "--insecure-http", "--allowed-hosts", "localhost"]
