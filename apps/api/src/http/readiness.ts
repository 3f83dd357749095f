import type { ProjectionLag } from './projection-lag';

export interface Readiness {
  status: 'ready' | 'not_ready';
  /** Why not, one line each; empty when ready. */
  reasons: string[];
}

/**
 * Whether this process should be sent requests: its stores answer, none is damaged, and the read models trail the
 * log by at most `maxLagSeconds` (a replica still catching up would answer with old data). Redis is left out: without
 * it cases are still recorded and read, and every replica would go out of rotation at once.
 */
export function readiness(state: { damaged: string[]; projection: ProjectionLag | null; unreachable: string | null }, maxLagSeconds: number): Readiness {
  const reasons: string[] = [];
  if (state.damaged.length > 0) reasons.push(`damaged store(s): ${state.damaged.join(', ')}`);
  if (state.unreachable !== null) reasons.push(`the stores did not answer: ${state.unreachable}`);
  if (state.projection && state.projection.lagSeconds > maxLagSeconds) {
    reasons.push(`the read models trail the event log by ${Math.round(state.projection.lagSeconds)} s (ready within ${maxLagSeconds} s)`);
  }
  return { status: reasons.length === 0 ? 'ready' : 'not_ready', reasons };
}
