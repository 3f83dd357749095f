import type { CommandOutcome } from '@integrity/event-store';

/** What every command answers: the stream's id, its new revision, and the global position to read one's writes. */
export interface CommandResult {
  id: string;
  revision: number;
  position: string;
}

export const commandResult = (id: string, outcome: CommandOutcome): CommandResult => ({
  id,
  revision: outcome.revision,
  position: outcome.position.toString(),
});
