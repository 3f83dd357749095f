import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { formatReceiptCode, phoneLast4, receiptCodeFrom, receiptPinFrom, type Receipt, type Reporter } from '@integrity/domain';
import { SETTINGS, type Settings } from '@integrity/platform';

/** A receipt just made: the code and PIN said to the citizen once, and what is kept of them (hashes only). */
export interface NewReceipt {
  receiptCode: string;
  /** For a citizen without a phone number given: four digits printed on the slip, asked beside the code. */
  receiptPin: string | null;
  receipt: Receipt;
}

/**
 * The keyed hashes a receipt is kept as (HMAC-SHA256 under RECEIPT_SECRET): the code alone, to find the case, and
 * the code with the citizen's proof (phone digits or PIN), to check it. Without the secret neither can be tried
 * offline; the code itself is never stored.
 */
@Injectable()
export class ReceiptKeys {
  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  private hmac(text: string): string {
    return createHmac('sha256', this.settings.receiptSecret).update(text).digest('base64url');
  }

  codeHash(code: string): string {
    return this.hmac(`code:${code}`);
  }

  verifierHash(code: string, proof: string): string {
    return this.hmac(`proof:${code}:${proof}`);
  }

  /** Whether `proof` is the one the receipt was issued with; in constant time. */
  verifies(verifierHash: string, code: string, proof: string): boolean {
    const expected = Buffer.from(verifierHash);
    const actual = Buffer.from(this.verifierHash(code, proof));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  /** A new receipt for this reporter: checked by their phone's last four digits, or by a PIN when none was given. */
  issue(reporter: Reporter | null | undefined): NewReceipt {
    const { code, pin } = this.draw();
    return this.keyed(code, pin, reporter);
  }

  /** A code and a PIN drawn at random; which one the receipt asks for depends on the reporter (see keyed). */
  draw(): { code: string; pin: string } {
    let code: string | null = null;
    while (!code) code = receiptCodeFrom(randomBytes(6));
    return { code, pin: receiptPinFrom(randomInt(10_000)) };
  }

  keyed(code: string, pin: string, reporter: Reporter | null | undefined): NewReceipt {
    const last4 = phoneLast4(reporter?.phone);
    return {
      receiptCode: formatReceiptCode(code),
      receiptPin: last4 ? null : pin,
      receipt: { codeHash: this.codeHash(code), verifierHash: this.verifierHash(code, last4 ?? pin), check: last4 ? 'phone' : 'pin' },
    };
  }
}
