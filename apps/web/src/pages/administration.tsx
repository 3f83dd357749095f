import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { CreateForm } from '../components/create-form';
import { useMe } from '../session';
import { ROLES } from '../vocabulary';

interface Unit {
  id: string;
  code: string;
  name: string;
  kind: string;
}

const UNIT_KINDS: Record<string, string> = { ethics_unit: '政風機構', aac: '廉政署' };

interface User {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  roles: string[];
}

/** Units (admin) and users (admin; a supervisor within its unit). */
export function Administration() {
  const me = useMe();
  const isAdmin = me.roles.includes('admin');
  const [units, setUnits] = useState<Unit[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const load = useCallback(() => {
    if (isAdmin) api<{ items: Unit[] }>('/units').then((r) => setUnits(r.items));
    api<{ items: User[] }>('/users').then((r) => setUsers(r.items));
  }, [isAdmin]);
  useEffect(load, [load]);
  const grantable = isAdmin ? ROLES : Object.fromEntries(Object.entries(ROLES).filter(([r]) => ['supervisor', 'agency_head', 'ethics_officer', 'volunteer'].includes(r)));
  const unitOptions = isAdmin ? Object.fromEntries(units.map((u) => [u.id, u.name])) : { [me.unitId ?? '']: me.unitName ?? '' };

  return (
    <main>
      <h1>系統管理</h1>
      {isAdmin && (
        <section aria-label="政風機構">
          <h2>政風機構</h2>
          <ul>
            {units.map((u) => (
              <li key={u.id}>
                {u.name}（{u.code}）{u.kind === 'aac' ? '・廉政署' : ''}
              </li>
            ))}
          </ul>
          <CreateForm
            path="/units"
            title="新增政風機構"
            fields={[
              { name: 'code', label: '代碼' },
              { name: 'name', label: '政風機構全銜' },
              { name: 'agencyName', label: '主管機關' },
              { name: 'kind', label: '機構類別', kind: 'select', options: UNIT_KINDS },
            ]}
            onCreated={load}
          />
        </section>
      )}
      <section aria-label="使用者">
        <h2>使用者</h2>
        <ul>
          {users.map((u) => (
            <li key={u.id}>
              {u.displayName}（{u.username}）・{u.roles.map((r) => ROLES[r]).join('、')}
            </li>
          ))}
        </ul>
        <CreateForm
          path="/users"
          title="新增使用者"
          fields={[
            { name: 'username', label: '帳號' },
            { name: 'displayName', label: '姓名' },
            { name: 'password', label: '初始密碼（至少12字元，不得包含帳號）' },
            { name: 'email', label: '電子郵件', optional: true },
            { name: 'unitId', label: '政風機構', kind: 'select', options: unitOptions, optional: true },
            { name: 'role', label: '角色', kind: 'select', options: grantable },
          ]}
          shape={({ role, ...user }) => ({ ...user, roles: [role] })}
          onCreated={load}
        />
      </section>
    </main>
  );
}
