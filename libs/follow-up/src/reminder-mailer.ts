import { createTransport, type Transporter } from 'nodemailer';
import { DuplicateKeyError, type ReadModelStore } from '@integrity/read-models';

interface Delivery {
  _id: string;
  state: 'sending' | 'sent';
  at: string;
}

export interface ReminderMail {
  /** Deterministic per reminder and recipient, so a retried job mails each person once. */
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * E-mail through SMTP (SMTP_URL). A delivery is recorded as sent only after the server accepted it: a job
 * retried after a crash mails again what was not recorded (at least once), never what was.
 */
export class ReminderMailer {
  private readonly transport: Transporter;
  private readonly deliveries;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    store: ReadModelStore,
  ) {
    this.transport = createTransport(smtpUrl);
    this.deliveries = store.collection<Delivery>('email_deliveries');
  }

  async send(mail: ReminderMail, now: Date): Promise<void> {
    const earlier = await this.deliveries.findOne({ _id: mail.deliveryId });
    if (earlier?.state === 'sent') return;
    if (!earlier) {
      try {
        await this.deliveries.insertOne({ _id: mail.deliveryId, state: 'sending', at: now.toISOString() });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
    await this.deliveries.updateOne({ _id: mail.deliveryId }, { $set: { state: 'sent', at: now.toISOString() } });
  }

  close(): void {
    this.transport.close();
  }
}
