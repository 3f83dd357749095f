// A follow-up worker in its own process, for the kill -9 test: it sends the reminder (appends the event),
// tells the parent, then hangs holding the job until it is killed.
require('./register-ts');
const { BullMqFollowUpQueue } = require('../../libs/follow-up/src');
const { senderOn, FIXED_NOW } = require('./reminder-fixture.ts');

const [file, redisUrl, prefix] = process.argv.slice(2);
const { sender } = senderOn(file);
const queue = new BullMqFollowUpQueue({ redisUrl, prefix, lockDurationMs: 1000, stalledIntervalMs: 500, clock: () => FIXED_NOW.getTime() });
queue
  .process(
    async (reminder) => {
      await sender.send(reminder);
      process.send({ sent: reminder.id });
      await new Promise(() => undefined);
    },
    { concurrency: 1 },
  )
  .then(() => process.send({ ready: true }));
