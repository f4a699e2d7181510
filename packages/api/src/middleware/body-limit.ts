import type { MiddlewareHandler } from 'hono';
import { Problem } from '../problem.js';

export interface BodyLimit {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** How much of a refused body is read and thrown away so the connection can carry on (default 4 MiB). */
  drainBytes?: number;
  /** For how long at most (default 2 s). */
  drainMs?: number;
}

/**
 * Refuses a request body over `maxBytes` with 413 `body_too_large`, and keeps the client's
 * kept-alive connection usable: the rest of the refused body is read and thrown away (up to
 * `drainBytes`, for at most `drainMs`) before the answer, so the next request on the connection
 * is read from where it starts. A body bigger or slower than that is answered with
 * `Connection: close` instead, and the client's next request goes on a new connection. (Left
 * unread, the body would stall the connection until the server gave up on it, and the client's
 * next request on it would fail with a reset.)
 */
export function bodyLimit(options: BodyLimit): MiddlewareHandler {
  const { maxBytes } = options;
  const drainBytes = options.drainBytes ?? 4 * 1024 * 1024;
  const drainMs = options.drainMs ?? 2_000;
  const refuse = (ended: boolean) =>
    new Problem(413, 'body_too_large', 'The request body is too large', `At most ${maxBytes} bytes.`, {
      ...(ended ? {} : { headers: { connection: 'close' } }),
    });

  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      const length = Number(declared);
      if (length <= maxBytes) return next();
      const reader = raw.body.getReader();
      throw refuse(length <= maxBytes + drainBytes && (await drain(reader, length, drainMs)));
    }
    // No length given (chunked): read until the body ends or passes the limit.
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw refuse(await drain(reader, maxBytes + drainBytes - size, drainMs));
      chunks.push(value);
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.req.raw = new Request(raw, { body });
    return next();
  };
}

/**
 * Reads and discards up to `budget` more bytes within `ms`; true when the body ended meanwhile.
 * Whatever is left stays unread: the answer then closes the connection.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    let left = budget;
    while (left >= 0) {
      const read = await Promise.race([reader.read(), late]);
      if (read === 'late') return false;
      if (read.done) return true;
      left -= read.value.byteLength;
    }
    return false;
  } finally {
    clearTimeout(timer);
  }
}
