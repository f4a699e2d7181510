/**
 * The demo site serves the widget files as a CDN would: compressed as the browser asks, the
 * content-hashed chunks cached for good, the loader briefly and revalidated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../server.mjs';

const WIDGETS_DIR = fileURLToPath(new URL('../../../packages/widgets/dist/', import.meta.url));

let site: Awaited<ReturnType<typeof createSite>>;

beforeAll(async () => {
  // Widget files need no association: the site serves them before it is configured.
  site = await createSite({ members: [], widgetsDir: WIDGETS_DIR, port: 0 });
});

afterAll(async () => {
  await site?.close();
});

/** A GET as raw bytes, so the test sees what went over the wire (fetch would decompress it). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
    request(site.url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', fail)
      .end();
  });
}

const chunk = readdirSync(`${WIDGETS_DIR}chunks`).find((name) => /^shared-.*\.js$/.test(name))!;

describe('the widget files', () => {
  it('sends the loader as brotli with a short cache, and 304 when the ETag still matches', async () => {
    const loader = await get('/widgets/ekollega-widgets.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(loader.status).toBe(200);
    expect(loader.headers['content-encoding']).toBe('br');
    expect(loader.headers['cache-control']).toBe('public, max-age=300');
    expect(loader.headers.vary).toBe('Accept-Encoding');
    expect(Number(loader.headers['content-length'])).toBe(loader.body.length);
    expect(brotliDecompressSync(loader.body)).toEqual(readFileSync(`${WIDGETS_DIR}ekollega-widgets.js`));

    const again = await get('/widgets/ekollega-widgets.js', {
      'accept-encoding': 'gzip, deflate, br',
      'if-none-match': String(loader.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('sends a content-hashed chunk as gzip to a browser without brotli, cached for a year', async () => {
    const shared = await get(`/widgets/chunks/${chunk}`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(shared.status).toBe(200);
    expect(shared.headers['content-encoding']).toBe('gzip');
    expect(shared.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const raw = readFileSync(`${WIDGETS_DIR}chunks/${chunk}`);
    expect(gunzipSync(shared.body)).toEqual(raw);
    expect(shared.body.length).toBeLessThan(raw.length / 2);
  });

  it('sends the file as it is when the browser accepts no compression', async () => {
    const shared = await get(`/widgets/chunks/${chunk}`);
    expect(shared.headers['content-encoding']).toBeUndefined();
    expect(shared.body).toEqual(readFileSync(`${WIDGETS_DIR}chunks/${chunk}`));
  });

  it('does not serve the compressed files by their own names', async () => {
    expect((await get(`/widgets/chunks/${chunk}.br`)).status).toBe(404);
  });
});
