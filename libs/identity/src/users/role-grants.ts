import { IdentityError } from '../identity-error';
import type { Actor, Role } from '../roles';

/** Roles only the system administrator grants or removes: the ones that decide, supervise, audit or administer. */
export const ADMIN_GRANTED_ROLES: readonly Role[] = ['agency_head', 'supervisor', 'aac_auditor', 'admin'];
/** The accounts a supervisor manages in its own unit: those who record and handle, never those who decide. */
export const SUPERVISOR_MANAGED_ROLES: readonly Role[] = ['ethics_officer', 'volunteer'];
/** Who asks in a unit (分層負責): never also the one who approves there. */
const ASKING_ROLES: readonly Role[] = ['ethics_officer', 'supervisor'];

/** The account a change is about: a new one (no id yet), or an existing one with its roles and unit. */
export interface ManagedAccount {
  userId: string | null;
  unitId: string | null;
  roles: readonly Role[];
}

/**
 * Separation of duties (分層負責、簽核): nobody changes their own roles or deactivates themselves; only the
 * administrator grants or removes the head's, supervisor's, AAC's and administrator's roles; a supervisor manages
 * only its own unit's ethics officers and volunteers; and the one who asks is never the one who approves.
 */
export function assertMayManage(actor: Actor, account: ManagedAccount, newRoles: readonly Role[] | null): void {
  if (account.userId !== null && account.userId === actor.userId) {
    throw new IdentityError('SELF_CHANGE_FORBIDDEN', 'Nobody changes their own roles or deactivates themselves: ask the administrator', 403);
  }
  if (!actor.roles.includes('admin')) {
    if (account.unitId !== actor.unitId) throw new IdentityError('OTHER_UNIT', 'A supervisor manages users of its own unit only', 403);
    const refused = [...account.roles, ...(newRoles ?? [])].find((role) => !SUPERVISOR_MANAGED_ROLES.includes(role));
    if (refused) throw new IdentityError('ROLE_NOT_GRANTABLE', `Only the administrator grants, removes or manages the role ${refused}`, 403, undefined, { role: refused });
  }
  if (newRoles && newRoles.includes('agency_head') && newRoles.some((role) => ASKING_ROLES.includes(role))) {
    throw new IdentityError('ROLES_INCOMPATIBLE', 'The agency head approves what the ethics officers and supervisors ask: one person cannot be both', 409, 'roles');
  }
}
