/**
 * A loopback update feed for updater tests (adapted from
 * shared/recipes/updater/make-feed.js and feed-server.js): fake artifacts
 * with real sha512 values, channel files, and a static server on 127.0.0.1
 * that honours single Range requests and logs every request.
 * Channel files are written as JSON, which is valid YAML for electron-updater.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap';
import type { BlockMapDataHolder } from 'builder-util-runtime';

export const sha512 = (bytes: Buffer): string => crypto.createHash('sha512').update(bytes).digest('base64');

/** Deterministic bytes; versions differ in one small region, so most blocks are shared. */
function payload(size: number, version: string): Buffer {
  const out = Buffer.alloc(size);
  let block = crypto.createHash('sha256').update('care-home-desktop').digest();
  for (let i = 0; i < size; i += block.length) {
    block.copy(out, i);
    block = crypto.createHash('sha256').update(block).digest();
  }
  if (version !== '1.0.0') Buffer.from(`release ${version}`).copy(out, Math.floor(size / 2));
  return out;
}

/** An "AppImage" of `version` with electron-builder's own embedded blockmap. */
export function writeAppImage(file: string, version: string): Promise<BlockMapDataHolder> {
  fs.writeFileSync(file, payload(512 * 1024, version));
  return buildBlockMap(file, 'deflate'); // appends the blockmap; returns size, sha512, blockMapSize
}

export interface Feed {
  readonly appImage: string;
  readonly appImageSha512: string;
}

/** Writes `<channel>-linux.yml` for `version` into `dir`. */
export async function makeFeed(dir: string, version: string, channel = 'latest'): Promise<Feed> {
  fs.mkdirSync(dir, { recursive: true });
  const appImage = `care-home-desktop-${version}-x86_64.AppImage`;
  const info = await writeAppImage(path.join(dir, appImage), version);
  const feed = {
    version,
    releaseDate: new Date(0).toISOString(),
    files: [{ url: appImage, ...info }],
    path: appImage,
    sha512: info.sha512,
  };
  fs.writeFileSync(path.join(dir, `${channel}-linux.yml`), JSON.stringify(feed, null, 2));
  return { appImage, appImageSha512: info.sha512 };
}

export interface FeedRequest {
  readonly path: string;
  readonly range: string | null;
  bytes: number;
}

export interface FeedServer {
  readonly url: string;
  readonly log: FeedRequest[];
  close(): Promise<void>;
}

export function startFeedServer(rootDir: string): Promise<FeedServer> {
  const log: FeedRequest[] = [];
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const entry: FeedRequest = { path: pathname, range: req.headers.range ?? null, bytes: 0 };
    log.push(entry);
    const file = path.join(rootDir, pathname);
    if (!file.startsWith(rootDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const data = fs.readFileSync(file);
    const range = /^bytes=(\d+)-(\d+)?$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] === undefined ? data.length - 1 : Math.min(Number(range[2]), data.length - 1);
      const body = data.subarray(start, end + 1);
      entry.bytes = body.length;
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${data.length}`, 'Content-Length': body.length });
      res.end(body);
      return;
    }
    entry.bytes = data.length;
    res.writeHead(200, { 'Content-Length': data.length, 'Accept-Ranges': 'bytes' }).end(data);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        log,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
