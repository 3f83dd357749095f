import { randomBytes } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { IdentityError } from '../identity-error';
import { accountKey } from './account-key';

/** A password the product makes (the first administrator's, a reset one): 144 random bits, to be changed at first sign-in. */
export const temporaryPassword = (): string => randomBytes(18).toString('base64url');

/** At least this many characters (issue 10: twelve, a length no dictionary word plus a digit reaches). */
export const PASSWORD_MIN_LENGTH = 12;

/** zxcvbn's scale: 3 is "safely unguessable" against an online attack and slowed offline guessing (10^8 guesses and more). */
const LEAST_SCORE = 3;

/** Common passwords (about 30,000), English words and names, and the keyboards' layouts: loaded when first needed. */
let estimator: ZxcvbnFactory | null = null;
const strength = (password: string, username: string) =>
  (estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations })).check(password, [username]);

/** Why a password is easy to guess, in the words a civil servant reads, by the kind of pattern found in it. */
const PATTERN_REASONS: Record<string, string> = {
  dictionary: '常見密碼或常用字詞',
  repeat: '重複的字元',
  sequence: '連續的字母或數字',
  spatial: '鍵盤上相鄰的按鍵',
  date: '日期',
  regex: '年份',
};

/**
 * A password must not contain its own username, however either was typed ('Chen.Officer-2026' for chen.officer):
 * the first thing anyone guessing tries. The length is the request's rule (PASSWORD_MIN_LENGTH).
 */
export function refusePasswordContainingUsername(password: string, username: string, field: string): void {
  if (accountKey(password).includes(accountKey(username))) {
    throw new IdentityError('PASSWORD_CONTAINS_USERNAME', `The ${field} must not contain the username`, 400, field);
  }
}

/**
 * The password policy: long enough (the request's rule), not the username, and not among the common passwords
 * or too guessable (a score of 3 of 4 with zxcvbn-ts). The refusal says which patterns made it guessable.
 */
export function refuseWeakPassword(password: string, username: string, field: string): void {
  refusePasswordContainingUsername(password, username, field);
  const estimate = strength(password, username);
  if (estimate.score >= LEAST_SCORE) return;
  const reasons = [...new Set(estimate.sequence.map((part) => PATTERN_REASONS[part.pattern]).filter((reason): reason is string => reason !== undefined))];
  throw new IdentityError('PASSWORD_TOO_GUESSABLE', `The ${field} is too easy to guess (${estimate.sequence.map((part) => part.pattern).join(', ')})`, 400, field, {
    reasons: reasons.length ? reasons.join('、') : '過短或過於規則的組合',
  });
}
