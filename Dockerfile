# syntax=docker/dockerfile:1
#
# One image for both server processes of SmartRegion Portal:
#   api    (default CMD)   node dist/apps/api/main.js     serves /api and the Angular app
#   worker (compose)       node dist/apps/worker/main.js  BullMQ processors and schedulers
# Build: docker compose build   (or: docker build -t smartregion-portal .)
# Operations: docs/operations.md

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
# build: full install (dev dependencies included), production build of api, worker, web
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true \
    NX_NO_CLOUD=true \
    NX_DAEMON=false \
    NX_TUI=false \
    NG_CLI_ANALYTICS=false \
    SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Dependencies first, so this layer is reused until package*.json change.
# A project .npmrc (e.g. legacy-peer-deps=true), if the repository has one, applies here
# exactly as on a developer's machine. It must never hold registry tokens.
# The lock file is written by npm 11 (as on developer machines and CI); npm 10 in the base
# image reads it differently.
RUN npm install -g npm@11 --no-audit --no-fund

COPY package.json package-lock.json .npmrc* ./
RUN --mount=type=cache,target=/root/.npm npm ci

COPY . .
# config/ (legal texts etc.) is copied into the runtime image; create it if the
# repository does not have it yet so the COPY below cannot fail.
RUN mkdir -p config \
 && npx nx run-many -t build -p api worker web --configuration=production --skip-nx-cache \
 && test -f dist/apps/api/main.js \
 && test -f dist/apps/worker/main.js \
 && test -d dist/apps/web/browser

# ---------------------------------------------------------------------------
# runtime: production dependencies only, compiled output, non-root
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WEB_DIST_DIR=/app/dist/apps/web/browser \
    LEGAL_DIR=/app/config/legal \
    MAIL_DIR=/app/.data/mail \
    SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

RUN npm install -g npm@11 --no-audit --no-fund
COPY package.json package-lock.json .npmrc* ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# Application files stay owned by root: the node user can read, not modify them.
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
COPY --from=build /app/data/reference ./data/reference

# Fail the build, not the deployment, when a package the bundles import is only
# installed through a dev dependency.
RUN --mount=type=bind,source=tools/compose/check-runtime-deps.mjs,target=/tmp/check-runtime-deps.mjs \
    node /tmp/check-runtime-deps.mjs /app

# The only path the application writes to: .eml files when SMTP_URL is empty.
# Mount a volume here to keep them (a new named volume takes over this ownership).
RUN mkdir -p /app/.data/mail && chown -R node:node /app/.data

USER node
EXPOSE 3000

# Liveness of the api. The worker has no HTTP: its container overrides this
# check (docker-compose.yml: node dist/apps/worker/main.js healthcheck).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/apps/api/main.js"]
