# tollgate as a container image: the binary on a small Debian base, run as an unprivileged user
# with the repository mounted at /src.
#
#   docker build -t tollgate .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/src" tollgate scan . --output-format sarif=reports/tollgate.sarif --output-format text
#
# The build stage compiles from this checkout with the lock file; the runtime stage carries only
# the binary, git (for `scan --staged` and hooks) and CA certificates (for `--upload`).

FROM rust:1.95-slim-bookworm AS build
WORKDIR /build
COPY . .
RUN cargo build --release --locked --bin tollgate

FROM debian:bookworm-slim
# Debian's security updates replace exact package versions, so pinning them breaks rebuilds;
# the base image's tag is the pin.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin tollgate \
 # A mounted checkout belongs to another user; git must still read it.
 && git config --system --add safe.directory '*'
COPY --from=build /build/target/release/tollgate /usr/local/bin/tollgate
USER 10001:10001
WORKDIR /src
ENTRYPOINT ["tollgate"]
CMD ["scan", "."]
