import { forgetUser } from './offline/device-store';

/** The API, with the bearer token of this browser tab; it answers errors in Traditional Chinese (Accept-Language: zh-TW). */
export interface ApiProblem {
  error: string;
  message: string;
  details?: { field: string; reason: string }[] | Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ApiProblem,
  ) {
    super(problem.message);
  }

  /** The reason given for a field, to show beside it. */
  forField(field: string): string | undefined {
    const details = this.problem.details;
    return Array.isArray(details) ? details.find((d) => d.field === field || d.field.startsWith(`${field}.`))?.reason : undefined;
  }
}

/** What a person reads when a request failed: the API's own message, or that the server could not be reached. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : '發生未預期的錯誤，請重新整理頁面後再試。';
}

/** The server could not be reached (no connection, or it is down): what a device keeps is used instead. */
export const isUnreachable = (error: unknown): boolean => error instanceof ApiError && error.status === 0;

/** The network, not the server, refused: what was asked for could not be read, or what was typed was not sent (and is still on screen). */
const UNREACHABLE_READ: ApiProblem = { error: 'NETWORK_UNREACHABLE', message: '無法連線到伺服器，資料未能載入，請確認網路連線後再試。' };
const UNREACHABLE_WRITE: ApiProblem = { error: 'NETWORK_UNREACHABLE', message: '無法連線到伺服器，請確認網路連線後再試；您輸入的資料仍在畫面上。' };

const TOKEN = 'integrity-token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  signIn: (token: string) => sessionStorage.setItem(TOKEN, token),
  signOut: () => sessionStorage.removeItem(TOKEN),
};

/**
 * Asked when the session has expired (the token refused): signs the same user in again on the spot and answers
 * whether it did, so the request that met the expiry is sent again with what was typed. One question at a time,
 * however many requests met it.
 */
let reauthenticate: (() => Promise<boolean>) | null = null;
let reauthenticating: Promise<boolean> | null = null;

export function onSessionExpired(handler: (() => Promise<boolean>) | null): void {
  reauthenticate = handler;
}

function signInAgain(): Promise<boolean> {
  if (!reauthenticate) return Promise.resolve(false);
  reauthenticating ??= reauthenticate().finally(() => (reauthenticating = null));
  return reauthenticating;
}

/** A token for this tab, signing in on the spot when it has none (an app opened without a connection). */
export async function ensureSignedIn(): Promise<boolean> {
  return session.token() !== null || signInAgain();
}

/** What a request sends beside its path (named apart from the DOM's RequestInit, which it is not). */
type SendOptions = { method?: string; body?: unknown; headers?: Record<string, string> };

/** The position of the last command this tab made: reads wait for it (read-your-writes). */
let lastPosition = '0';

const unreachable = (method = 'GET') => (method === 'GET' ? UNREACHABLE_READ : UNREACHABLE_WRITE);
const UNEXPECTED = (status: number): ApiProblem => ({ error: 'UNEXPECTED_ANSWER', message: `伺服器回應異常（${status}），請稍後再試。` });

/**
 * One request with this tab's token, for JSON and documents alike: the response when it succeeded; otherwise an
 * ApiError in words (the network down, a proxy's page, the API's refusal), and an expired session signed in again
 * on the spot, the same request then sent again.
 */
async function send(path: string, init: SendOptions, accept: string): Promise<Response> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { ...init.headers, Accept: accept, 'Accept-Language': 'zh-TW', 'X-Min-Position': lastPosition };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  // A form (a file uploaded) says its own type, with the boundary between its parts.
  const form = init.body instanceof FormData;
  if (init.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: init.body === undefined ? undefined : form ? (init.body as FormData) : JSON.stringify(init.body) });
    if (response.ok) return response;
    text = await response.text();
  } catch {
    // The network, not the server, refused: said in words, never as a TypeError.
    throw new ApiError(0, unreachable(method));
  }
  let body;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's error page, not the API's answer.
    throw new ApiError(response.status, UNEXPECTED(response.status));
  }
  // The token refused (expired, revoked), not a password: sign in on the spot and send the same request again.
  if (response.status === 401 && token && body?.error === 'INVALID_TOKEN') {
    if (await signInAgain()) return send(path, init, accept);
    session.signOut();
  }
  throw new ApiError(response.status, body ?? { error: 'HTTP_ERROR', message: response.statusText });
}

export async function api<T>(path: string, init: SendOptions = {}): Promise<T> {
  const response = await send(path, init, 'application/json');
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new ApiError(0, unreachable(init.method));
  }
  let body;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, UNEXPECTED(response.status));
  }
  if (body && typeof body.position === 'string' && BigInt(body.position) > BigInt(lastPosition)) lastPosition = body.position;
  return body as T;
}

/**
 * A printable document of the API (ODT, PDF, CSV), fetched as any request is and saved under the name the server
 * gives it (the unit, the form, its ROC date).
 */
export async function saveDocument(path: string): Promise<string> {
  const response = await send(path, {}, '*/*');
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    throw new ApiError(0, unreachable());
  }
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
  const name = encoded ? decodeURIComponent(encoded) : path.split('/').pop() ?? 'document';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return name;
}

/**
 * Revokes this tab's token while it still works, forgets the user on this device (their key, drafts and what
 * waits to be sent), then leaves at once, so no screen asks anything without it.
 */
export async function signOutHere(userId?: string): Promise<void> {
  await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
  if (userId) await forgetUser(userId).catch(() => undefined);
  session.signOut();
  window.location.replace('/');
}
