// `audit:verify` and `audit:checkpoint`: the audit trail checked against the evidence kept outside the database.
import {
  auditKeys,
  loadConfig,
  openCheckpointStore,
  openConfiguredDatabase,
  stampCheckpoints,
  storedCheckpoints,
  verifyAudit,
  writeCheckpoint,
} from '../../packages/platform/index.ts';

export async function auditVerifyCommand(): Promise<number> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const store = openCheckpointStore(config.audit.checkpointDir);
    const result = await verifyAudit(database.db, { keys: auditKeys(config.masterKey), store });
    if (!result.ok) {
      console.error(`audit trail TAMPERED at record ${result.seq} (${result.problem}): ${result.message}; ${result.records} records verified before it`);
      return 2;
    }
    const keyed = result.keyedSince === null ? 'no keyed records yet' : result.keyedSince === 1 ? 'all keyed' : `keyed since record ${result.keyedSince}`;
    const anchors = result.checkpoints === 0
      ? `no checkpoints in ${config.audit.checkpointDir}: truncation and a recomputed chain cannot be detected`
      : `${result.checkpoints} checkpoints up to record ${result.anchoredTo}${result.unstamped ? `, ${result.unstamped} not yet time-stamped` : ', all time-stamped'}`;
    console.log(`audit trail intact: ${result.records} records verified (${keyed}); ${anchors}`);
    return 0;
  } finally {
    await database.close();
  }
}

/** Writes a checkpoint of the current head now and stamps every unstamped checkpoint it can. */
export async function auditCheckpointCommand(): Promise<number> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const options = { db: database.db, store: openCheckpointStore(config.audit.checkpointDir), keys: auditKeys(config.masterKey), tsaUrl: config.audit.tsaUrl };
    const outcome = await writeCheckpoint(options);
    if (outcome.written) console.log(`checkpoint written at record ${outcome.seq} in ${config.audit.checkpointDir}`);
    else if (outcome.reason === 'head_behind') {
      console.error(`the audit head (record ${outcome.seq}) is behind the last checkpoint: run audit:verify`);
      return 2;
    } else console.log(outcome.reason === 'empty' ? 'the audit trail is empty: nothing to checkpoint' : `record ${outcome.seq} is already checkpointed`);
    const stamping = await stampCheckpoints(options, await storedCheckpoints(options.store));
    if (stamping.stamped) console.log(`${stamping.stamped} checkpoints time-stamped by ${config.audit.tsaUrl}`);
    if (stamping.error) console.error(`checkpoints left unstamped (retried later): ${stamping.error}`);
    return 0;
  } finally {
    await database.close();
  }
}
