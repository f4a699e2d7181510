-- Rate limit counters shared by every API process on one PostgreSQL (rate-limiter-flexible's
-- layout: the key with its scope, requests counted in its window, the window's end in epoch ms).
-- Not a tenant's data: keys are client addresses and tenant/member pairs. Rows past their window
-- are overwritten on the key's next request and deleted by the API an hour later.
create table rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
