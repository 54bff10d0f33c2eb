# A small runtime image for topospec: the release binary (Swift runtime and libyaml linked in,
# see scripts/release) on Debian's slim base, with Graphviz for `topospec graph --format svg`
# and `report --html`. Build: docker build -t topospec:latest .
# Run:   docker run --rm -v "$PWD:/work" topospec:latest lint specs/
FROM swift:6.3-bookworm AS build
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libyaml-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN OUT=/dist scripts/release \
 && mkdir /out \
 && tar -xzf /dist/topospec-*.tar.gz -C /out --strip-components=1

FROM debian:bookworm-slim
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends graphviz \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/topospec /usr/local/bin/topospec
WORKDIR /work
USER 65534:65534
ENTRYPOINT ["topospec"]
CMD ["--help"]
