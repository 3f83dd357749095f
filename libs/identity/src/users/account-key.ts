/** The same name however it was typed: 'ＡＤＭＩＮ' and 'Admin' are the account 'admin' (NFKC, then lower case). */
export const accountKey = (username: string) => username.normalize('NFKC').toLowerCase();
