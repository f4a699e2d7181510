export { createApp, type AppOptions, type App } from './app.js';
export {
  openStore,
  createStore,
  type Store,
  type Tenant,
  type Member,
  type Role,
  DataDirLockedError,
} from './store/index.js';
export { openDb } from './store/db.js';
export { migrate } from './store/migrate.js';
export { createTenant, issuePublishableKey, issueSecretKey, rotateKey } from './auth/tenant-keys.js';
export { MAX_TOKEN_LIFETIME_SECONDS, MEMBER_TOKEN_AUDIENCE } from './auth/member-token.js';
export { Problem } from './problem.js';
export type { Env, Clock } from './env.js';
export { startServer } from './server.js';
export {
  memoryCounters,
  type RateCounters,
  type RateCounter,
  type RateCount,
  type RateLimit,
} from './middleware/rate-limit.js';
export { sharedCounters } from './middleware/rate-limit-shared.js';
export {
  readRateLimitSettings,
  openRateCounters,
  SettingError,
  DEFAULT_RATE_LIMITS,
  type RateLimitSettings,
} from './rate-limit-settings.js';
export { seedDemo, DEMO_MEMBERS, DEMO_TENANT_ID, type DemoSeed } from './seed/demo.js';
