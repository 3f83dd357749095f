import { benchEventStore } from './event-store.bench';
import { benchHttp } from './http.bench';
import { benchReadModels } from './read-models.bench';
import { benchFollowUp } from './follow-up.bench';
import { benchReports } from './reports.bench';

/** `npm run bench`: prints each figure beside its baseline measured in the same run. */
async function main(): Promise<void> {
  await benchEventStore();
  console.log();
  await benchHttp();
  console.log();
  await benchReadModels();
  console.log();
  await benchFollowUp();
  console.log();
  await benchReports();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
