# The API image: installs dependencies, carries the seeds and the Cypher, and serves.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: the lock cannot list the embedded store's binaries for other platforms.
RUN npm install --omit=dev --no-audit --no-fund
COPY tsconfig.json codegen.ts* ./
COPY schema ./schema
COPY src ./src
COPY cypher ./cypher
COPY seeds ./seeds
EXPOSE 4000
# Waits for the store, loads the seeds if the store is empty, then serves.
CMD ["node", "--expose-gc", "--min-semi-space-size=32", "--max-semi-space-size=32", "--no-allocation-site-pretenuring", "--no-memory-reducer", "--import", "tsx", "src/cli/serve.ts"]
