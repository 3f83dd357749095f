import { session, signOutHere } from '../api';
import { CreateForm } from '../components/create-form';

/** A password nobody chose (the first administrator's) is changed before anything else; then one signs in with the new one. */
export function ChangePassword() {
  return (
    <main className="narrow">
      <h1>請先變更初始密碼</h1>
      <p>這是系統產生的密碼。請設定您自己的密碼（至少12字元，不得包含帳號），之後以新密碼重新登入。</p>
      <CreateForm
        path="/users/me/password"
        title="變更密碼"
        fields={[
          { name: 'currentPassword', label: '目前密碼', kind: 'password' },
          { name: 'newPassword', label: '新密碼', kind: 'password' },
        ]}
        onCreated={() => {
          // Every earlier token is revoked with the old password: sign in again.
          session.signOut();
          window.location.replace('/');
        }}
      />
      <button type="button" className="secondary" onClick={() => void signOutHere()}>
        登出
      </button>
    </main>
  );
}
