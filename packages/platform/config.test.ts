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
