// `lgsp:verify-log [--archives <dir>]`: verifies the archive files (default LGSP_LOG_ARCHIVE_DIR) and the database's chain after them, and reports the first break.
// `lgsp:archive-log`: archives the sealed records older than LGSP_LOG_ARCHIVE_AFTER_DAYS and deletes operational records older than LGSP_OPMON_KEEP_DAYS (as the hourly job does).
// `lgsp:export-evidence <message id> <file> --purpose <why> [--bodies]`: writes an exchange's evidence package (audited).
// `lgsp:verify-evidence <file> [--root <root certificate>]`: verifies a package OFFLINE (no database, no network).
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { appendAudit, auditKeys, loadConfig, openConfiguredDatabase, safeErrorMessage } from '../../packages/platform/index.ts';
import { withPlatform } from './cli-platform.ts';
import { messageLogKey, verifyEvidence, verifyLogWithArchives, type EvidencePackage } from '../../modules/lgsp/index.ts';

export async function lgspVerifyLogCommand(args: string[]): Promise<number> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const dir = option(args, '--archives') ?? config.lgspLogArchiveDir;
  try {
    const result = await verifyLogWithArchives(database.db, messageLogKey(config.masterKey), dir);
    if (!result.ok) {
      console.error(`LGSP message log TAMPERED${result.seq === undefined ? '' : ` at record ${result.seq}`} (${result.problem}) in ${result.where}: ${result.message}`);
      return 2;
    }
    console.log(`LGSP message log intact: ${result.archived + result.records} records verified (${result.archived} in ${result.archives} archives in ${dir}, ${result.records} in the database)`);
    return 0;
  } finally {
    await database.close();
  }
}

export async function lgspArchiveLogCommand(): Promise<number> {
  return withPlatform(async (platform, _database, config) => {
    const run = await platform.modules.lgsp.retain();
    console.log(`LGSP message log: ${run.records} records archived into ${run.archives.length} files in ${config.lgspLogArchiveDir}${run.archives.length ? ` (${run.archives.join(', ')})` : ''}; ${run.operationalRecordsDeleted} operational records older than ${config.lgspOpmonKeepDays} days deleted`);
    return 0;
  });
}

const option = (args: string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const positional = (args: string[]) => args.filter((arg, i) => !arg.startsWith('--') && !(i > 0 && ['--purpose', '--root'].includes(args[i - 1]!)));

export async function lgspExportEvidenceCommand(args: string[]): Promise<number> {
  const [messageId, file] = positional(args);
  const purpose = option(args, '--purpose');
  if (!messageId || !file || !purpose || purpose.length < 5) {
    console.error('usage: lgsp:export-evidence <message id> <file> --purpose "<why, at least 5 characters>" [--bodies]');
    return 64;
  }
  try {
    return await withPlatform(async (platform, database, config) => {
      const pkg = await platform.modules.lgsp.log.evidenceForOperator(messageId, { bodies: args.includes('--bodies') });
      if (!pkg) {
        console.error(`no exchange with message id ${messageId} in the LGSP message log or its archives`);
        return 1;
      }
      // The operator at the console reads the bodies: audited like an API export.
      await appendAudit(database.db, {
        actor: 'cli:lgsp:export-evidence', action: 'read lgsp.evidence', target: `lgsp:message:${messageId}`, outcome: 200, sourceIp: 'local',
        requestId: randomUUID(), purpose, details: { seq: pkg.record.seq, sealedSeq: pkg.seal.seq, bodies: pkg.bodies !== null },
      }, auditKeys(config.masterKey));
      writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
      console.log(`evidence of message ${messageId} (record ${pkg.record.seq}, sealed at record ${pkg.seal.seq}) written to ${file}`);
      return 0;
    });
  } catch (error) {
    console.error(`evidence export failed: ${safeErrorMessage(error)}`);
    return 1;
  }
}

export async function lgspVerifyEvidenceCommand(args: string[]): Promise<number> {
  const [file] = positional(args);
  if (!file) {
    console.error('usage: lgsp:verify-evidence <file> [--root <root CA certificate, PEM or DER>]');
    return 64;
  }
  let pkg: EvidencePackage;
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8')) as EvidencePackage;
  } catch (error) {
    console.error(`evidence INVALID: the file is not a JSON evidence package (${safeErrorMessage(error)})`);
    return 2;
  }
  const rootFile = option(args, '--root');
  let trustedRoot: Buffer | undefined;
  if (rootFile) {
    const raw = readFileSync(rootFile);
    const pem = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(raw.toString('latin1'));
    trustedRoot = pem ? Buffer.from(pem[1]!.replace(/\s/g, ''), 'base64') : raw;
  }
  const result = await verifyEvidence(pkg, trustedRoot ? { trustedRoot } : {});
  if (!result.ok) {
    console.error(`evidence INVALID: ${result.reason}`);
    return 2;
  }
  console.log([
    `evidence VALID: message ${result.messageId}, record ${result.seq}, sealed with record ${result.sealedSeq} at ${result.sealedAt}`,
    `  time stamp: ${result.timeStamp} by ${result.tsa}`,
    `  signer: ${result.signer}`,
    `  root certificate SHA-256: ${result.rootSha256}${trustedRoot ? ' (the trusted root given)' : ' (compare with the CA\'s published root)'}`,
    `  bodies: ${result.bodies ? 'included and matching the record' : 'not included'}`,
  ].join('\n'));
  return 0;
}
