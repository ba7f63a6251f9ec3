import { OPTION_DEFINITIONS, optionDoc, optionNames } from './option-definitions.js';
import type { JsonSchema, OptionHost } from './option-definitions.js';

/**
 * The JSON Schema (draft-07, with `schema-utils`' `instanceof` for RegExp) of `host`'s options, from the option
 * definitions: for editors and config checkers. The hosts validate with `resolveOptions`, which gives the same
 * message everywhere; test/options-schema.test.ts checks that the two accept the same values.
 */
export function optionsSchema(host: OptionHost): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `pycache-kit options (${host})`,
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      optionNames(host).map((name) => [
        name,
        { description: optionDoc(name, host).doc, ...OPTION_DEFINITIONS[name].schema },
      ]),
    ),
  };
}
