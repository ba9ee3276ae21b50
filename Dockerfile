# Image of apps/identity, used by docker-compose.yml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/dcr/package.json libs/dcr/
COPY libs/testing/package.json libs/testing/
COPY apps/identity/package.json apps/identity/
RUN npm ci
COPY . .
RUN npx nx run identity:build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/libs/dcr/package.json libs/dcr/
COPY --from=build /app/libs/dcr/dist libs/dcr/dist
COPY --from=build /app/apps/identity/package.json apps/identity/
COPY --from=build /app/apps/identity/dist apps/identity/dist
USER node
EXPOSE 3000
CMD ["node", "apps/identity/dist/main.js"]
