import { request, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { freshStore } from './harness.js';
import type { Store } from '../src/store/index.js';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** One request over `agent`, its body written in `chunks` (none: no body). */
function send(
  agent: Agent,
  url: string,
  init: { method?: string; chunks?: Buffer[]; chunked?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const length = (init.chunks ?? []).reduce((sum, chunk) => sum + chunk.length, 0);
    const req = request(
      url,
      {
        agent,
        method: init.method ?? 'GET',
        headers: init.chunks
          ? {
              'content-type': 'application/json',
              ...(init.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(length) }),
            }
          : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    for (const chunk of init.chunks ?? []) req.write(chunk);
    req.end();
  });
}

// The HTTP layer is the same on both engines; PGlite is enough to serve it.
describe('an oversized body on a kept-alive connection', () => {
  let store: Store;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    store = await freshStore('pglite');
    server = await startServer(store, { port: 0, log: false, maxBodyBytes: 2048 });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  for (const [name, chunks, chunked] of [
    ['declared in Content-Length (1 MiB)', [Buffer.alloc(1024 * 1024, 'x')], false],
    [
      'sent chunked, with no length (256 KiB)',
      Array.from({ length: 64 }, () => Buffer.alloc(4096, 'x')),
      true,
    ],
    ['just over the limit', [Buffer.alloc(2049, 'x')], false],
    [
      'past what is read and thrown away (8 MiB): on a new connection',
      [Buffer.alloc(8 * 1024 * 1024, 'x')],
      false,
    ],
  ] as const) {
    it(`answers 413 and the next eight requests on the same agent succeed: ${name}`, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const refused = await send(agent, `${server.url}/v1/tenant`, {
          method: 'PATCH',
          chunks: [...chunks],
          chunked,
        });
        expect(refused.status).toBe(413);
        expect(JSON.parse(refused.body).code).toBe('body_too_large');
        // Read and thrown away up to 4 MiB, the connection goes on; past that it is closed.
        expect(refused.connection).toBe(
          chunks.length === 1 && chunks[0]!.length > 4 * 1024 * 1024 ? 'close' : 'keep-alive',
        );
        const statuses: number[] = [];
        for (let i = 0; i < 8; i++) statuses.push((await send(agent, `${server.url}/v1/health`)).status);
        expect(statuses).toEqual(Array(8).fill(200));
      } finally {
        agent.destroy();
      }
    });
  }

  it('keeps the connection of a body within the limit open', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answer = await send(agent, `${server.url}/v1/tenant`, {
        method: 'PATCH',
        chunks: [Buffer.from('{"name":"x"}')],
      });
      expect(answer.status).toBe(401);
      expect(answer.connection).not.toBe('close');
    } finally {
      agent.destroy();
    }
  });
});
