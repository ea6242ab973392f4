import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describe as describeDocument, parseDescriptionText } from './openapi-import.ts';

/** OpenAPI descriptions as JSON or YAML text, and YAML's dangerous corners refused with the codes bad JSON has. */

const code = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('OpenAPI description text', () => {
  it('reads JSON, and YAML as the same document', () => {
    const yaml = [
      'openapi: 3.0.3',
      'info: { title: Permits, version: "1.2" }',
      'paths:',
      '  /permits/{id}:',
      '    get:',
      '      responses:',
      '        "200": &ok { description: the permit }',
      '    delete:',
      '      responses:',
      '        "200": *ok',
    ].join('\n');
    const fromYaml = parseDescriptionText(yaml);
    const fromJson = parseDescriptionText(JSON.stringify(fromYaml));
    assert.deepEqual(fromYaml, fromJson);
    const described = describeDocument(fromYaml);
    assert.equal(described.label, '1.2');
    assert.deepEqual(described.endpoints.map((e) => `${e.method} ${e.path}`).sort(), ['DELETE /permits/*', 'GET /permits/*']);
  });

  it('refuses bad YAML, custom tags, several documents, duplicate keys and alias bombs with lgsp.openapi_invalid', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    for (const text of ['openapi: [3.0.3', 'openapi: !!js/function "() => 1"\npaths: {}', 'openapi: !custom 3.0.3\npaths: {}', 'openapi: 3.0.3\n---\npaths: {}', 'openapi: 3.0.3\nopenapi: 3.1.0\npaths: {}', bomb]) {
      assert.equal(code(() => parseDescriptionText(text)), 'lgsp.openapi_invalid', text.slice(0, 40));
    }
    assert.equal(code(() => describeDocument(parseDescriptionText('just a string'))), 'lgsp.openapi_invalid', 'YAML that is no OpenAPI document');
    assert.equal(code(() => parseDescriptionText(`openapi: 3.0.3\nx: "${'a'.repeat(2 * 1024 * 1024)}"`)), 'lgsp.openapi_too_large');
  });
});
