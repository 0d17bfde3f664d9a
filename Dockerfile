# Kakehashi portal: multi-stage build. SQLite is compiled in through cgo.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags="-s -w" -o /out/portal ./cmd/portal

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin portal \
    && mkdir -p /data && chown portal:portal /data
COPY --from=build /out/portal /usr/local/bin/portal
USER portal
WORKDIR /data
VOLUME /data
ENV PORTAL_ADDR=:8080 \
    PORTAL_DB=/data/portal.db \
    PORTAL_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["portal", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["portal"]
CMD ["serve"]
