import type { UserDirectory } from '@integrity/identity';
import type { ReminderRecipients } from './reminder-sender';

/** Reminders go to the unit's ethics officers; escalations to its supervisors. */
export class UserRecipients implements ReminderRecipients {
  constructor(private readonly users: UserDirectory) {}

  async forStage(unitId: string, escalation: boolean): Promise<string[]> {
    return (await this.users.withRoles(unitId, escalation ? ['supervisor'] : ['ethics_officer'])).map((user) => user._id);
  }
}
