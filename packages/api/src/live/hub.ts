import type { Db, Sql } from '../store/db.js';

/**
 * A change on a Q&A board, as passed between API processes: ids only, because a NOTIFY payload is
 * small and because each process renders the post itself, once, for its own subscribers.
 */
export interface QaSignal {
  tenantId: string;
  /** The board: a group, or null for the association-wide board. */
  groupId: string | null;
  kind: 'created' | 'updated' | 'removed';
  postId: string;
  /** The question of an answer; null for a question. */
  questionId: string | null;
  /** The post's place in the order posts were written (created signals), for Last-Event-ID. */
  seq: number | null;
}

export const QA_CHANNEL = 'ekollega_qa';

/**
 * Carries board changes to every API process that serves a live stream.
 *
 * On PostgreSQL each write transaction sends `NOTIFY ekollega_qa` itself, so the change reaches
 * every process (this one included) when, and only if, the transaction commits; each process keeps
 * one dedicated connection that LISTENs. The embedded PGlite store serves one process by design,
 * so there the signals go straight to this process's subscribers after the commit.
 */
export interface LiveHub {
  /** Call inside the write transaction. */
  stage(tx: Sql, signals: QaSignal[]): Promise<void>;
  /** Call after the transaction committed. */
  committed(signals: QaSignal[]): void;
  /** Resolves once `listener` will receive every signal committed from then on; returns the unsubscribe. */
  subscribe(listener: (signal: QaSignal) => void): Promise<() => void>;
}

type Wire = [
  tenantId: string,
  groupId: string | null,
  kind: QaSignal['kind'],
  postId: string,
  questionId: string | null,
  seq: number | null,
];

/** How far below the highest seq seen a replay starts: posts commit in a different order than they took their seq. */
const REPLAY_OVERLAP = 1_000;
/** Created posts remembered so a replay does not send a post twice. */
const REMEMBERED = 10_000;

/** What a reconnected listener reads from the store to replay what it missed. */
export interface LiveHistory {
  /** The highest seq written so far (0 when none). */
  latestSeq(): Promise<number>;
  /** Posts created after a seq, on every board of every tenant, oldest first. */
  createdAfter(seq: number): Promise<QaSignal[]>;
}

export function liveHub(db: Db, history?: LiveHistory): LiveHub {
  const listeners = new Set<(signal: QaSignal) => void>();
  const distributed = db.engine === 'postgres' && db.listen !== undefined;
  let listening: Promise<void> | null = null;
  const delivered = new Set<number>();
  let highest = 0;

  /** Sends a signal to this process's subscribers; a created post only the first time. */
  const deliver = (signal: QaSignal) => {
    if (signal.kind === 'created' && signal.seq !== null) {
      if (delivered.has(signal.seq)) return;
      delivered.add(signal.seq);
      if (delivered.size > REMEMBERED) delivered.delete(delivered.values().next().value!);
      highest = Math.max(highest, signal.seq);
    }
    emit(signal);
  };
  /**
   * After the LISTEN connection came back: the posts created while it was down, from the seq the
   * store keeps. Edits and removals made meanwhile are not replayed (README).
   */
  const replay = () => {
    if (!history) return;
    history
      .createdAfter(Math.max(0, highest - REPLAY_OVERLAP))
      .then((signals) => signals.forEach(deliver))
      .catch((error: unknown) =>
        console.error(JSON.stringify({ level: 'error', live: 'replay failed', error: String(error) })),
      );
  };

  const emit = (signal: QaSignal) => {
    for (const listener of listeners) {
      try {
        listener(signal);
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', live: 'listener failed', error: String(error) }));
      }
    }
  };
  const receive = (payload: string) => {
    try {
      const [tenantId, groupId, kind, postId, questionId, seq] = JSON.parse(payload) as Wire;
      deliver({ tenantId, groupId, kind, postId, questionId, seq });
    } catch {
      // not one of ours
    }
  };

  return {
    async stage(tx, signals) {
      if (!distributed) return;
      for (const s of signals) {
        const wire: Wire = [s.tenantId, s.groupId, s.kind, s.postId, s.questionId, s.seq];
        await tx.query('select pg_notify($1, $2)', [QA_CHANNEL, JSON.stringify(wire)]);
      }
    },
    committed(signals) {
      if (!distributed) signals.forEach(emit);
    },
    async subscribe(listener) {
      listeners.add(listener);
      if (distributed) {
        listening ??= db.listen!(QA_CHANNEL, receive, replay)
          .then(async () => {
            // What was written before this process listened is not "missed": replays start here.
            highest = Math.max(highest, (await history?.latestSeq().catch(() => 0)) ?? 0);
          })
          .catch((error: unknown) => {
            listening = null;
            throw error;
          });
        try {
          await listening;
        } catch (error) {
          listeners.delete(listener);
          throw error;
        }
      }
      return () => void listeners.delete(listener);
    },
  };
}
