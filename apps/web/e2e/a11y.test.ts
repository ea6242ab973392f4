// The accessibility audit's bookkeeping: which URLs are the same page for "every page was checked".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeKey } from './a11y.ts';

test('ids, codes and one-time handles in a path do not make a new page; query strings never do', () => {
  assert.equal(routeKey('http://localhost:8080/workspace/dossiers/8b8f6251-f4c8-4457-a8af-25e462b1e295'), 'http://localhost:8080/workspace/dossiers/:id');
  assert.equal(routeKey('http://localhost:8080/oidc/interaction/uoCNYoluJxuxKkSB9sNVPSfZ5If6eDyN7u1Y5qKsvhc/login'), 'http://localhost:8080/oidc/interaction/:id/login');
  assert.equal(routeKey('http://localhost:8080/tra-cuu?ma=29926-261206-0001'), 'http://localhost:8080/tra-cuu');
  assert.equal(routeKey('http://localhost:8080/services'), 'http://localhost:8080/services');
});

test('another origin (a sandbox) is another page; a blob: tab is one kind of page', () => {
  assert.notEqual(routeKey('http://localhost:8081/services'), routeKey('http://localhost:8080/services'));
  assert.equal(routeKey('blob:http://localhost:8080/2f1c0d3e-aaaa-bbbb-cccc-123456789abc'), 'blob:');
});
