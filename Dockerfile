# itaku as a container: the packed CLI (the same tarball `npm pack` gives) on a slim Node LTS, non-root.
#   docker build -t itaku .
#   docker run --rm --read-only --tmpfs /tmp -v "$PWD:/work" itaku scan --config itaku.yaml
# Credentials come from the environment (-e AWS_PROFILE … / -e ITAKU_AD_PASSWORD), never the image.

# Build: the workspace, then `npm pack` of packages/cli (its prepack bundles the code, demo and schemas).
FROM node:26-trixie-slim AS build
WORKDIR /src
RUN npm install -g --no-audit --no-fund pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile \
 && mkdir /out \
 && cd packages/cli && npm pack --pack-destination /out

# Runtime: only the tarball, installed globally; nothing of the workspace.
FROM node:26-trixie-slim
ENV NODE_ENV=production \
    NO_UPDATE_NOTIFIER=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY --from=build /out/ /tmp/itaku/
RUN npm install -g --no-audit --no-fund /tmp/itaku/itaku-*.tgz \
 && rm -rf /tmp/itaku \
 && npm cache clean --force
# The image's `node` user (uid 1000): scans need no root, and a read-only root filesystem is enough
# (itaku writes only the reports asked for, under /work).
USER node
WORKDIR /work
ENTRYPOINT ["itaku"]
CMD ["--help"]
