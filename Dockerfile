FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run codegen && npm run build
# The server listens on 127.0.0.1 unless told otherwise; in a container it must take connections
# from outside it.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
# A bounded heap: V8 otherwise collects lazily and a process on a large machine grows far past what
# it holds alive (a province's 24.000-member import stays under 500 MB with this bound; see
# bench/README.md). Override with NODE_OPTIONS.
ENV NODE_OPTIONS=--max-old-space-size=320
EXPOSE 4000
USER node
CMD ["node", "--import", "tsx", "server/src/main.ts"]
