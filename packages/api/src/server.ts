import { serve } from '@hono/node-server';
import { createApp, type AppOptions } from './app.js';
import type { Store } from './store/index.js';

/** Serves the API on `port` (0 picks a free one); resolves once it listens. */
export function startServer(
  store: Store,
  options: { port?: number; hostname?: string } & Omit<AppOptions, 'store'> = {},
) {
  const app = createApp({ store, ...options });
  const clock = options.clock ?? (() => new Date());
  // Offers that expire pass to the next on the waitlist even when nobody touches the group.
  const sweeper = setInterval(() => {
    store.groups
      .settleExpiredOffers(clock())
      .catch((error: unknown) => console.error(JSON.stringify({ level: 'error', error: String(error) })));
  }, 60_000);
  sweeper.unref();
  return new Promise<{ url: string; port: number; close(): Promise<void> }>((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port ?? 8787, hostname: options.hostname ?? '127.0.0.1' },
      (info) => {
        resolve({
          url: `http://${options.hostname === '0.0.0.0' ? 'localhost' : (options.hostname ?? '127.0.0.1')}:${info.port}`,
          port: info.port,
          close: () => {
            clearInterval(sweeper);
            return new Promise<void>((done) => server.close(() => done()));
          },
        });
      },
    );
    // A taken port is an answer for the caller ("port 8787 is in use"), not an uncaught crash.
    server.once('error', (error) => {
      clearInterval(sweeper);
      reject(error);
    });
  });
}
