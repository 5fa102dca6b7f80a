# syntax=docker/dockerfile:1
# coursebot container image. Two stages: `build` installs the production dependencies (which
# compile better-sqlite3 where no prebuilt binary fits) and compiles src/ into dist/; `runtime`
# gets only what the app reads at run time and runs it as the unprivileged `node` user under tini.
# test/deploy/dockerfile-commands.test.ts replays this file's COPY/RUN/CMD steps in a clean copy of
# the project (no container daemon needed), and test/deploy/container-lint.test.ts checks its shape.

ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
# Compilers only for native modules without a prebuilt binary; they stay in this stage.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first (a cached layer while only sources change). postinstall generates the
# Prisma clients, so the schemas and the scripts come along.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# tini as PID 1: forwards SIGTERM to the bot (which then drains, see README "Stopping") and reaps zombies.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# NODE_COMPILE_CACHE: V8's code cache, so a restarted container compiles the app's modules once less.
ENV NODE_ENV=production \
    NODE_COMPILE_CACHE=/tmp/node-compile-cache \
    PORT=3000 \
    HOST=0.0.0.0 \
    CONSOLE=off
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts/container ./scripts/container
COPY content ./content
# The default SQLite database lives in /app/data (DATABASE_URL unset); keep it on a volume.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "scripts/container/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
