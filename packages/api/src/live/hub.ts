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

export function liveHub(db: Db): LiveHub {
  const listeners = new Set<(signal: QaSignal) => void>();
  const distributed = db.engine === 'postgres' && db.listen !== undefined;
  let listening: Promise<void> | null = null;

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
      emit({ tenantId, groupId, kind, postId, questionId, seq });
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
        listening ??= db.listen!(QA_CHANNEL, receive).catch((error: unknown) => {
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
