import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { docsPage } from './docs-page.js';
import type { Clock, Env } from './env.js';
import { bodyLimit } from './middleware/body-limit.js';
import { cors } from './middleware/cors.js';
import { requestLog, type LogSink } from './middleware/log.js';
import { memoryCounters, rateLimiter, type RateCounters, type RateLimit } from './middleware/rate-limit.js';
import { tenantAuth } from './middleware/tenant.js';
import { DEFAULT_STREAM_CAPS, streamGate, type StreamCaps } from './live/stream-gate.js';
import { operatorRoutes } from './operator.js';
import { Problem, problemResponse } from './problem.js';
import { config, tenant } from './routes/tenant.js';
import { me } from './routes/me.js';
import { groups } from './routes/groups.js';
import { feeds, groupSessions, myCalendar, sessions } from './routes/sessions.js';
import { questions } from './routes/questions.js';
import { commitments, groupCommitments, myCommitments, sessionRound } from './routes/commitments.js';
import { groupDesk, moderation } from './routes/desk.js';
import type { Store } from './store/index.js';

export interface AppOptions {
  store: Store;
  /** Time as the API sees it; tests move it. */
  clock?: Clock;
  /** Where the one-line-per-request log goes; default stdout, `false` for none. */
  log?: LogSink | false;
  /** Largest request body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /**
   * Per-IP and per-member request limits (default 600 and 300 a minute), counted in this process
   * unless `counters` shares them (`sharedCounters`: PostgreSQL or Redis).
   */
  rateLimits?: { perIp?: RateLimit; perMember?: RateLimit; counters?: RateCounters };
  /** Take the client IP from X-Forwarded-For (behind a proxy you trust). */
  trustProxy?: boolean;
  /**
   * The operator token of a server holding an embedded data folder: mounts `/operator/…`, through
   * which `ekollega key …` reaches the running server (see `operator.ts`).
   */
  operatorToken?: string;
  /** Live streams open at once per member and per IP, counted in this process (default 8 and 64). */
  streamCaps?: Partial<StreamCaps>;
}

const PUBLIC_PATHS = new Set(['/v1/health', '/v1/openapi.json', '/docs', '/']);

/**
 * Builds the API. Nothing here listens: `server.ts` serves it, and tests call `app.request()`.
 *
 * @example
 * const app = createApp({ store: await openStore() });
 * const res = await app.request('/v1/health');
 */
export function createApp(options: AppOptions) {
  const clock = options.clock ?? (() => new Date());
  const sink =
    options.log === false ? null : (options.log ?? ((line: string) => process.stdout.write(`${line}\n`)));
  const perIp = options.rateLimits?.perIp ?? { limit: 600, windowMs: 60_000 };
  const perMember = options.rateLimits?.perMember ?? { limit: 300, windowMs: 60_000 };
  const counters = options.rateLimits?.counters ?? memoryCounters(() => clock().getTime());
  const streams = streamGate({ ...DEFAULT_STREAM_CAPS, ...options.streamCaps });

  const v1 = new OpenAPIHono<Env>()
    .use(tenantAuth())
    .use(
      rateLimiter<Env>({
        ...perMember,
        scope: 'member',
        counter: counters('member', perMember),
        key: (c) => {
          const { tenant, member } = c.get('caller');
          return member ? `${tenant.id}/${member.id}` : null;
        },
      }),
    )
    .route('/me', me)
    .route('/config', config)
    .route('/tenant', tenant)
    .route('/groups', groups)
    .route('/groups', groupSessions)
    .route('/groups', groupDesk)
    .route('/sessions', sessions)
    .route('/questions', questions)
    .route('/moderation', moderation)
    .route('/me/calendar', myCalendar)
    .route('/groups', groupCommitments)
    .route('/sessions', sessionRound)
    .route('/commitments', commitments)
    .route('/me/commitments', myCommitments);

  const app = new OpenAPIHono<Env>();
  app.use(requestId());
  if (sink) app.use(requestLog(sink));
  app.use(async (c, next) => {
    c.set('store', options.store);
    c.set('clock', clock);
    c.set('clientIp', clientIp(c, options.trustProxy));
    c.set('streams', streams);
    await next();
  });
  app.use(cors((path) => PUBLIC_PATHS.has(path)));
  app.use(
    rateLimiter<Env>({
      ...perIp,
      scope: 'IP address',
      counter: counters('ip', perIp),
      key: (c) => c.get('clientIp'),
    }),
  );
  const limitBody = bodyLimit({ maxBytes: options.maxBodyBytes ?? 64 * 1024 });
  // Only where a body is allowed: touching `c.req.raw.body` on a GET makes the Node adapter build
  // a full Request, which costs more than the rest of a cached read.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', limitBody);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/health',
      tags: ['System'],
      summary: 'Liveness',
      security: [],
      responses: {
        200: {
          description: 'The API is up',
          content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
        },
      },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'tenantKey', {
    type: 'apiKey',
    in: 'header',
    name: 'Ekollega-Key',
    description:
      'The association’s publishable key (`pk_…`, safe in pages) or, from servers only, its secret key (`sk_…`).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'memberToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A member token the association’s backend minted (HS256 with its member token secret, or ES256/EdDSA with its registered key); lives at most one hour.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'apiKey',
    in: 'header',
    name: 'Ekollega-Key',
    description: 'The association’s secret key (`sk_…`); refused when sent with a browser Origin.',
  });
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'eKollega widgets API',
      version: '1',
      description:
        'Peer groups, sessions, a Q&A board and members’ commitments that entrepreneur associations run on their own websites.',
    },
  };
  app.doc31('/v1/openapi.json', documentConfig);
  app.get('/docs', (c) => c.html(docsPage(app.getOpenAPI31Document(documentConfig))));
  app.get('/', (c) => c.redirect('/docs'));

  app.route('/v1/calendar', feeds);
  if (options.operatorToken) app.route('/operator', operatorRoutes(options.operatorToken));

  // Mounted last: the key middleware of /v1 must not cover the public routes above.
  app.route('/v1', v1);

  app.notFound((c) =>
    problemResponse(c, new Problem(404, 'not_found', 'No such route', `${c.req.method} ${c.req.path}`)),
  );
  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error);
    if (error instanceof HTTPException) {
      const malformed = error.status === 400 && /json/i.test(error.message);
      return problemResponse(
        c,
        new Problem(
          error.status as 400,
          malformed ? 'malformed_json' : 'bad_request',
          malformed ? 'The request body is not valid JSON' : error.message,
        ),
      );
    }
    console.error(
      JSON.stringify({
        level: 'error',
        request_id: c.get('requestId'),
        error: String((error as Error)?.stack ?? error),
      }),
    );
    return problemResponse(c, new Problem(500, 'internal', 'Something went wrong on our side'));
  });
  return app;
}

function clientIp(c: Context, trustProxy?: boolean) {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return (
    (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
      ?.remoteAddress ?? 'local'
  );
}

export type App = ReturnType<typeof createApp>;
