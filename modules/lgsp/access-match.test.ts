import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allows, invalidPattern, pathMatches } from './access-match.ts';

describe('access-right endpoint patterns', () => {
  it('matches * as one segment and a final ** as any rest', () => {
    assert.equal(pathMatches('/citizens/*', '/citizens/001'), true);
    assert.equal(pathMatches('/citizens/*', '/citizens/001/photo'), false);
    assert.equal(pathMatches('/citizens/*', '/citizens'), false);
    assert.equal(pathMatches('/citizens/{id}', '/citizens/001'), true);
    assert.equal(pathMatches('/citizens/**', '/citizens/001/photo'), true);
    assert.equal(pathMatches('/citizens/**', '/citizens'), true);
    assert.equal(pathMatches('/citizens/**', '/citizen'), false);
    assert.equal(pathMatches('/', ''), true);
    assert.equal(pathMatches('/', '/x'), false);
    assert.equal(pathMatches('/a/b', '/a/b'), true);
    assert.equal(pathMatches('/a/b', '/a/bc'), false);
  });

  it('allows by method and pattern while the right has not expired', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const rules = [{ method: 'GET', pathPattern: '/citizens/*', expiresAt: new Date('2026-12-02T00:00:00Z') }];
    assert.equal(allows(rules, 'get', '/citizens/1', now), true);
    assert.equal(allows(rules, 'POST', '/citizens/1', now), false);
    assert.equal(allows(rules, 'GET', '/enterprises/1', now), false);
    assert.equal(allows(rules, 'GET', '/citizens/1', new Date('2026-12-02T00:00:00Z')), false, 'expired at its expiry');
    assert.equal(allows([{ method: null, pathPattern: null, expiresAt: null }], 'DELETE', '/anything/at/all', now), true);
    assert.equal(allows([], 'GET', '/', now), false, 'deny by default');
  });

  it('refuses malformed patterns', () => {
    assert.equal(invalidPattern('/citizens/*'), undefined);
    assert.equal(invalidPattern('/a/**'), undefined);
    assert.ok(invalidPattern('citizens'));
    assert.ok(invalidPattern('/**/x'));
    assert.ok(invalidPattern('/a//b'));
    assert.ok(invalidPattern('/a/../b'));
  });
});
