import { Ajv, type AnySchema, type Options } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Request validation with two Ajv instances. Query strings, path parameters and headers are
 * text on the wire, so `?limit=20` is coerced to the number the schema asks for. A JSON body
 * carries its own types: a number where a string is expected (or "5" where an integer is) is
 * refused with 400, never silently converted — the client and the stored value agree.
 */
const common: Options = { removeAdditional: false, useDefaults: true, allErrors: false, addUsedSchema: false };

type ValidatorCompiler = (route: { schema: AnySchema; httpPart?: string }) => ReturnType<Ajv['compile']>;

export function buildValidatorCompiler(externalSchemas: Record<string, unknown> = {}): ValidatorCompiler {
  const make = (coerceTypes: Options['coerceTypes']) => {
    const ajv = new Ajv({ ...common, coerceTypes });
    addFormats.default(ajv);
    for (const schema of Object.values(externalSchemas)) ajv.addSchema(schema as object);
    return ajv;
  };
  const body = make(false);
  const text = make('array');
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? body : text;
    const known = typeof schema === 'object' && schema.$id ? ajv.getSchema(schema.$id) : undefined;
    return known ?? ajv.compile(schema);
  };
}
