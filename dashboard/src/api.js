// The product's HTTP API with the signed-in key; every call names its own path.
const keyItem = 'apiKey';

export const signedIn = () => sessionStorage.getItem(keyItem) !== null;
export const signOut = () => sessionStorage.removeItem(keyItem);

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.messageZh ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function request(path, { method = 'GET', key = sessionStorage.getItem(keyItem), raw = false } = {}) {
  const response = await fetch(path, { method, headers: { 'X-Api-Key': key ?? '' } });
  if (!response.ok) {
    throw new ApiError(response.status, await response.json().catch(() => null));
  }
  return raw ? response : response.json();
}

/** Checks the key against the statistics endpoint before keeping it for the session. */
export async function signIn(key) {
  await request('/api/statistics', { key });
  sessionStorage.setItem(keyItem, key);
}
