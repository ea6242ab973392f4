import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

describe('LGSP message log commit mode from the configuration (decision 0042)', () => {
  it('is durable unless LGSP_LOG_COMMIT=async; any other value stops the start', () => {
    const base = { DEMO: 'true', SEN_DATA_DIR: 'memory://' };
    assert.equal(loadConfig(base).lgspLogCommit, 'durable');
    assert.equal(loadConfig({ ...base, LGSP_LOG_COMMIT: 'async' }).lgspLogCommit, 'async');
    assert.throws(() => loadConfig({ ...base, LGSP_LOG_COMMIT: 'off' }), ConfigError);
  });
});

describe('LGSP archiving and retention from the configuration (decision 0049)', () => {
  it('archives after 30 days into $SEN_DATA_DIR/lgsp-archive and keeps operational records 7 days by default; a value out of range stops the start', () => {
    const defaults = loadConfig({ DEMO: 'true', SEN_DATA_DIR: '/srv/sen' });
    assert.deepEqual([defaults.lgspLogArchiveDir, defaults.lgspLogArchiveAfterDays, defaults.lgspOpmonKeepDays], ['/srv/sen/lgsp-archive', 30, 7]);
    const set = loadConfig({ DEMO: 'true', SEN_DATA_DIR: 'memory://', LGSP_LOG_ARCHIVE_DIR: '/mnt/archive', LGSP_LOG_ARCHIVE_AFTER_DAYS: '90', LGSP_OPMON_KEEP_DAYS: '14' });
    assert.deepEqual([set.lgspLogArchiveDir, set.lgspLogArchiveAfterDays, set.lgspOpmonKeepDays], ['/mnt/archive', 90, 14]);
    assert.throws(() => loadConfig({ DEMO: 'true', SEN_DATA_DIR: 'memory://', LGSP_LOG_ARCHIVE_AFTER_DAYS: '0' }), ConfigError);
    assert.throws(() => loadConfig({ DEMO: 'true', SEN_DATA_DIR: 'memory://', LGSP_OPMON_KEEP_DAYS: 'week' }), ConfigError);
  });
});
