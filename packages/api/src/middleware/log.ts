import { createMiddleware } from 'hono/factory';
import type { Env } from '../env.js';

/** One JSON line per request: what happened, for whom, how long it took. */
export type LogSink = (line: string) => void;

export const requestLog = (sink: LogSink) =>
  createMiddleware<Env>(async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const caller = c.get('caller');
      sink(
        JSON.stringify({
          time: new Date().toISOString(),
          request_id: c.get('requestId'),
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          tenant: caller?.tenant.id,
          member: caller?.member?.id,
        }),
      );
    }
  });
