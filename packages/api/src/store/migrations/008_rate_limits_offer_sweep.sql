-- Rate limit counters shared by every API process on one PostgreSQL (rate-limiter-flexible's
-- layout: the key with its scope, requests counted in its window, the window's end in epoch ms).
-- Not a tenant's data: keys are client addresses and tenant/member pairs. Rows past their window
-- are overwritten on the key's next request and deleted by the API an hour later.
create table rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);

-- Each API process passes on expired offers every minute, across every association at once (the
-- one query that is not an association's). Without an index of its own it walked the whole
-- waitlist index: 0.3 s a minute per process with 1,000 associations (bench/scale). Offers are
-- few, so the partial index is small.
create index memberships_offers_due on memberships (offer_expires_at) where status = 'offered';
