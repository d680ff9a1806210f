# The API image: the TypeScript compiled to JavaScript, production dependencies only, the seeds
# and the Cypher; serves on port 4000 as the unprivileged `node` user.

# Build: every dependency, then `npm run build` compiles src/ into dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: the lock cannot list the embedded store's binaries for other platforms.
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Run: production dependencies and what the server reads at run time.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read from disk beside dist/ (dist/dataset/paths.js resolves the app root): the GraphQL schema,
# the Cypher, the seeds, and the explorer page's files.
COPY schema ./schema
COPY cypher ./cypher
COPY seeds ./seeds
COPY src/clients/explorer ./src/clients/explorer
# The embedded store's default file lives in data/ (mount a volume there to keep it).
RUN mkdir data && chown node:node data
USER node
EXPOSE 4000
# Ready once the store answers and the seeds are loaded; node's fetch, as the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Opens the store, loads the seeds if the store is empty or stale, then serves: npm start's Node flags.
CMD ["node", "--expose-gc", "--min-semi-space-size=32", "--max-semi-space-size=32", "--no-allocation-site-pretenuring", "--no-memory-reducer", "dist/cli/serve.js"]
