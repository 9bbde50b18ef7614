import 'reflect-metadata';
import { TEST_APP_PASSWORD } from '../tests/support/constants.js';
import { openBenchDatabase } from './database.js';
import { prepareDataset } from './dataset/load.js';

const args = new Set(process.argv.slice(2));
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  log(`database: ${database.where}`);
  // The login role is cluster-wide: the bench gives it the password the test suite gives it, so a
  // bench run and a test run on one server never lock each other out.
  const appPassword = process.env.APP_DATABASE_PASSWORD ?? TEST_APP_PASSWORD;
  try {
    const prepared = await prepareDataset(database.ownerUrl, appPassword, { regenerate: args.has('--regenerate'), log });
    log(`dataset ${prepared.marker.version}: ${JSON.stringify(prepared.marker.seconds)}`);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
