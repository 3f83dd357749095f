import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, messageOf } from '../api';
import { CreateForm } from '../components/create-form';
import { announce } from '../components/status';
import { fromRoc, toRoc, ROC_DATE_HINT } from '../roc-date';
import { useMe } from '../session';
import { AGENCY_LEVELS, COUNTIES, ROLES } from '../vocabulary';

interface Unit {
  id: string;
  code: string;
  name: string;
  kind: string;
  activeFrom: string;
  profile?: { county: string | null; ministry: string | null; level: string | null };
}

const UNIT_KINDS: Record<string, string> = { ethics_unit: '政風機構', aac: '廉政署' };

interface User {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  roles: string[];
  active: boolean;
}

/** The roles a supervisor manages in its own unit; every other role is the administrator's to grant (分層負責). */
const SUPERVISOR_MANAGED = ['ethics_officer', 'volunteer'];

/** One user's row: change the role, deactivate and reactivate, reset the password, clear sign-in locks; never for oneself. */
function UserRow({ user, grantable, isAdmin, self, onChanged }: { user: User; grantable: Record<string, string>; isAdmin: boolean; self: boolean; onChanged: () => void }) {
  const [role, setRole] = useState(user.roles[0] ?? Object.keys(grantable)[0]);
  const [error, setError] = useState<string | null>(null);
  const [temporary, setTemporary] = useState<string | null>(null);
  const manageable = !self && (isAdmin || user.roles.every((r) => SUPERVISOR_MANAGED.includes(r)));
  const act = async (path: string, method: 'POST' | 'PUT', body: object, done: string, confirm?: string) => {
    if (confirm && !window.confirm(confirm)) return null;
    try {
      const answer = await api<{ temporaryPassword?: string }>(path, { method, body });
      setError(null);
      announce(done);
      onChanged();
      return answer;
    } catch (e) {
      setError(messageOf(e));
      return null;
    }
  };
  const resetPassword = async () => {
    const answer = await act(`/users/${user.id}/reset-password`, 'POST', {}, `已重設${user.displayName}的密碼`, `重設後${user.displayName}原密碼即失效，須以臨時密碼登入並立即變更。確定重設？`);
    setTemporary(answer?.temporaryPassword ?? null);
  };
  return (
    <tr>
      <td>{user.displayName}</td>
      <td>{user.username}</td>
      <td>{user.roles.map((r) => ROLES[r] ?? r).join('、')}</td>
      <td>{user.active ? '使用中' : '已停用'}</td>
      <td>
        {self && '（本人，請洽其他系統管理員）'}
        {manageable && user.active && (
          <span className="row-actions">
            <label>
              <span className="visually-hidden">{user.displayName}的新角色</span>
              <select value={role} onChange={(e) => setRole(e.target.value)}>
                {Object.entries(grantable).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="secondary" onClick={() => act(`/users/${user.id}/roles`, 'PUT', { roles: [role] }, `已變更${user.displayName}的角色`)}>
              變更角色
            </button>
            <button type="button" className="secondary" onClick={() => act(`/users/${user.id}/deactivate`, 'POST', {}, `已停用${user.displayName}`, `停用後${user.displayName}即不能登入。確定停用？`)}>
              停用
            </button>
            <button type="button" className="secondary" onClick={() => void resetPassword()}>
              重設密碼
            </button>
            {isAdmin && (
              <button type="button" className="secondary" onClick={() => act(`/users/${user.id}/clear-sign-in-lock`, 'POST', {}, `已解除${user.displayName}的登入鎖定`)}>
                解除登入鎖定
              </button>
            )}
          </span>
        )}
        {manageable && !user.active && (
          <button type="button" className="secondary" onClick={() => act(`/users/${user.id}/reactivate`, 'POST', {}, `已恢復${user.displayName}的帳號`)}>
            恢復使用
          </button>
        )}
        {temporary && (
          <p className="notice" role="status">
            {user.displayName}的臨時密碼：<code>{temporary}</code>（只顯示這一次，請當面交付；首次登入時須變更）
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

/**
 * One setting of a unit, set with PUT and said aloud once set; `body` answers what to send, or why the input
 * cannot be sent (said beside the button, as the API's refusals are).
 */
function UnitSetting({ unit, what, path, body, onChanged, children }: { unit: Unit; what: string; path: string; body: () => object | string; onChanged: () => void; children: ReactNode }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline"
      aria-label={`${unit.name}${what}`}
      onSubmit={(event) => {
        event.preventDefault();
        const sent = body();
        if (typeof sent === 'string') return setError(sent);
        api(`/units/${unit.id}/${path}`, { method: 'PUT', body: sent }).then(
          () => {
            setError(null);
            announce(`已設定${unit.name}${what}`);
            onChanged();
          },
          (e) => setError(messageOf(e)),
        );
      }}
    >
      {children}
      <button type="submit" className="secondary">
        設定
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** For a unit that brings its history: the day it started using the product, from which its reports are owed. */
function ActiveFrom({ unit, onChanged }: { unit: Unit; onChanged: () => void }) {
  const [text, setText] = useState(toRoc(unit.activeFrom));
  const body = () => {
    const activeFrom = fromRoc(text);
    return activeFrom ? { activeFrom } : '請以民國年月日填寫，例如 115/11/27 或 115年11月27日。';
  };
  return (
    <UnitSetting unit={unit} what="開始使用日期" path="active-from" body={body} onChanged={onChanged}>
      <label>
        開始使用日期（{ROC_DATE_HINT}）
        <input value={text} onChange={(e) => setText(e.target.value)} />
      </label>
    </UnitSetting>
  );
}

const LEVELS: Record<string, string> = { '': '（未設定）', ...AGENCY_LEVELS };

/** Where and under whom the unit's agency is: the AAC's table of every unit is filtered by it. */
function UnitProfile({ unit, onChanged }: { unit: Unit; onChanged: () => void }) {
  const [profile, setProfile] = useState({ county: unit.profile?.county ?? '', ministry: unit.profile?.ministry ?? '', level: unit.profile?.level ?? '' });
  const field = (key: keyof typeof profile) => (e: { target: { value: string } }) => setProfile((p) => ({ ...p, [key]: e.target.value }));
  const body = () => ({ county: profile.county || null, ministry: profile.ministry.trim() || null, level: profile.level || null });
  return (
    <UnitSetting unit={unit} what="所在縣市及主管機關" path="profile" body={body} onChanged={onChanged}>
      <label>
        縣市
        <select value={profile.county} onChange={field('county')}>
          <option value="">（中央機關不填）</option>
          {COUNTIES.map((county) => (
            <option key={county}>{county}</option>
          ))}
        </select>
      </label>
      <label>
        主管機關
        <input value={profile.ministry} onChange={field('ministry')} placeholder="例如 內政部、臺中市政府" />
      </label>
      <label>
        機關層級
        <select value={profile.level} onChange={field('level')}>
          {Object.entries(LEVELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </UnitSetting>
  );
}

/** Units (admin) and users (admin; a supervisor the officers and volunteers of its unit). */
interface UnplacedSite {
  siteId: string;
  name: string;
  county: string;
  township: string;
  village: string;
  nearest: string[];
}

/**
 * Sites recorded before the village register whose names matched none of its villages (the others were placed at
 * start): the administrator chooses each one's village; nothing is guessed.
 */
function UnplacedSites() {
  const [items, setItems] = useState<UnplacedSite[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => void api<{ items: UnplacedSite[] }>('/places/unplaced-sites').then((r) => setItems(r.items), (e) => setError(messageOf(e))), []);
  useEffect(load, [load]);
  if (error) return <p className="error" role="alert">平臺地點村里待確認清單無法載入：{error}</p>;
  if (!items || items.length === 0) return null;
  return (
    <section aria-label="平臺地點村里待確認">
      <h2>平臺地點村里待確認（{items.length}）</h2>
      <p>下列平臺地點於村里代碼啟用前登錄，其村里名稱不在內政部村里資料中，請選擇正確的村里。</p>
      {items.map((site) => (
        <CreateForm
          key={site.siteId}
          path={`/sites/${site.siteId}/place`}
          title={`確認「${site.name}」的村里`}
          heading="h3"
          fields={[{ name: 'villageCode', label: `村里（原登錄：${site.county}${site.township}${site.village}${site.nearest.length ? `；相近：${site.nearest.join('、')}` : ''}）`, kind: 'village' }]}
          onCreated={load}
        />
      ))}
    </section>
  );
}

export function Administration() {
  const me = useMe();
  const isAdmin = me.roles.includes('admin');
  const [units, setUnits] = useState<Unit[]>([]);
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    if (isAdmin) api<{ items: Unit[] }>('/units').then((r) => setUnits(r.items), (e) => setError(messageOf(e)));
    api<{ items: User[] }>('/users').then((r) => setUsers(r.items), (e) => setError(messageOf(e)));
  }, [isAdmin]);
  useEffect(load, [load]);
  const grantable = isAdmin ? ROLES : Object.fromEntries(Object.entries(ROLES).filter(([r]) => SUPERVISOR_MANAGED.includes(r)));
  const unitOptions = isAdmin ? Object.fromEntries(units.map((u) => [u.id, u.name])) : { [me.unitId ?? '']: me.unitName ?? '' };

  return (
    <main>
      <h1>系統管理</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {isAdmin && (
        <section aria-label="政風機構">
          <h2>政風機構</h2>
          <ul>
            {units.map((u) => (
              <li key={u.id}>
                {u.name}（{u.code}）{u.kind === 'aac' ? '・廉政署' : ''}
                {u.kind !== 'aac' && <ActiveFrom unit={u} onChanged={load} />}
                {u.kind !== 'aac' && <UnitProfile unit={u} onChanged={load} />}
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
      {isAdmin && <UnplacedSites />}
      <section aria-label="使用者">
        <h2>使用者</h2>
        {!isAdmin && <p>政風主管管理本機關的政風同仁及廉政志工；機關首長、政風主管及廉政署帳號由系統管理員設定。</p>}
        {users === null && !error && <p aria-busy="true">載入中…</p>}
        {users && (
          <table>
            <thead>
              <tr>
                <th scope="col">姓名</th>
                <th scope="col">帳號</th>
                <th scope="col">角色</th>
                <th scope="col">狀態</th>
                <th scope="col">管理</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow key={u.id} user={u} grantable={grantable} isAdmin={isAdmin} self={u.id === me.userId} onChanged={load} />
              ))}
            </tbody>
          </table>
        )}
        <CreateForm
          path="/users"
          title="新增使用者"
          fields={[
            { name: 'username', label: '帳號' },
            { name: 'displayName', label: '姓名' },
            { name: 'password', label: '初始密碼（至少12字元，不得包含帳號，不得為常見或規則的密碼）' },
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
