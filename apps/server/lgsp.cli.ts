// `lgsp:verify-log`: recomputes the LGSP message log's hash chain and reports the first broken record.
import { loadConfig, openConfiguredDatabase } from '../../packages/platform/index.ts';
import { messageLogKey, verifyMessageLog } from '../../modules/lgsp/index.ts';

export async function lgspVerifyLogCommand(): Promise<number> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const result = await verifyMessageLog(database.db, messageLogKey(config.masterKey));
    if (!result.ok) {
      console.error(`LGSP message log TAMPERED at record ${result.seq} (${result.problem}): ${result.message}; ${result.records} records verified before it`);
      return 2;
    }
    console.log(`LGSP message log intact: ${result.records} records verified`);
    return 0;
  } finally {
    await database.close();
  }
}
