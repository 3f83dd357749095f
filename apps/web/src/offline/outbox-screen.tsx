import { useCallback, useEffect, useState } from 'react';
import { Link } from '../components/link';
import { announce } from '../components/status';
import { rocInstant } from '../roc-date';
import { navigate } from '../router';
import { useMe } from '../session';
import { onOutboxChanged, outbox, type OutboxItem } from './device-store';
import { reopen, sendWaiting, STALE_AFTER_MS } from './outbox';

/** How often the waiting items are tried again while there are some, besides when the browser says it is online. */
const RETRY_EVERY_MS = 30_000;

/** The user's outbox, kept current, and whether the browser has a connection. */
export function useOutbox(): { items: OutboxItem[]; online: boolean } {
  const me = useMe();
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const load = () => void outbox.of(me.userId).then(setItems, () => setItems([]));
    load();
    const stop = onOutboxChanged(load);
    const connection = () => setOnline(navigator.onLine);
    window.addEventListener('online', connection);
    window.addEventListener('offline', connection);
    return () => {
      stop();
      window.removeEventListener('online', connection);
      window.removeEventListener('offline', connection);
    };
  }, [me.userId]);
  return { items, online };
}

/**
 * Under the header: that the device is offline and what waits to be sent, with a way to the list. It also sends
 * what waits whenever the connection comes back, at start, and every half minute while something waits.
 */
export function OutboxBar() {
  const me = useMe();
  const { items, online } = useOutbox();
  const waiting = items.filter((item) => item.state === 'waiting').length;
  const refused = items.length - waiting;
  useEffect(() => {
    if (online && waiting > 0) void sendWaiting(me.userId, { askToSignIn: true });
    if (waiting === 0) return;
    const timer = setInterval(() => navigator.onLine && void sendWaiting(me.userId, { askToSignIn: false }), RETRY_EVERY_MS);
    return () => clearInterval(timer);
  }, [online, waiting, me.userId]);
  if (online && items.length === 0) return null;
  return (
    <p className="outbox-bar" role="status">
      {!online && <strong>目前離線：登錄的資料會加密暫存在本裝置，連線後自動送出。</strong>}
      {waiting > 0 && <span>待送出 {waiting} 筆</span>}
      {refused > 0 && <span className="error-text">退回待處理 {refused} 筆</span>}
      {items.length > 0 && <Link to="/outbox">查看暫存資料</Link>}
    </p>
  );
}

/** 暫存資料: what waits to be sent, and what the server refused, to be corrected in its form or discarded. */
export function OutboxScreen() {
  const me = useMe();
  const { items, online } = useOutbox();
  const [now] = useState(() => Date.now());
  const sendNow = useCallback(() => void sendWaiting(me.userId, { askToSignIn: true }), [me.userId]);

  return (
    <main>
      <h1>暫存資料</h1>
      <p>{online ? '已連線：等待中的資料會依登錄先後自動送出。' : '目前離線：資料加密暫存在本裝置，連線後依登錄先後自動送出。'}</p>
      {items.length === 0 ? (
        <p>沒有暫存資料。</p>
      ) : (
        <ul className="outbox">
          {items.map((item) => (
            <li key={item.id}>
              <strong>{item.title}</strong>（{rocInstant(item.createdAt)}暫存）
              {item.state === 'waiting' ? (
                <>
                  ：等待送出
                  {now - Date.parse(item.createdAt) > STALE_AFTER_MS && <span className="error-text">（已暫存逾7日尚未送出，請確認網路連線或洽系統管理員）</span>}
                </>
              ) : (
                <>
                  ：<span className="error-text">未被受理：{item.refusal}</span>
                  <div className="buttons">
                    <button type="button" onClick={() => void reopen(item).then(navigate)}>
                      開啟表單修正
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        if (window.confirm(`確定刪除「${item.title}」？刪除後無法復原。`)) void outbox.remove(item.id).then(() => announce(`已刪除暫存資料：${item.title}`));
                      }}
                    >
                      刪除
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {online && items.some((item) => item.state === 'waiting') && (
        <button type="button" onClick={sendNow}>
          立即送出
        </button>
      )}
    </main>
  );
}
