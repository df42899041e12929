/**
 * GraphQL schemas compared as the documents they are: parsed with `graphql` and printed again, so that whitespace,
 * comments and the layout of a schema reformatted by a tool (Amplify Studio, an editor) are no difference. A schema
 * that does not parse is compared as text.
 */
import { parse, print } from 'graphql';

/** The schema in a canonical form: its parsed document printed, or the text itself when it does not parse. */
export function canonicalSchema(schema: string): string {
  try {
    return print(parse(schema, { noLocation: true }));
  } catch {
    return schema;
  }
}

/** Whether two schemas are the same document. */
export function sameSchema(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a === b || canonicalSchema(a) === canonicalSchema(b);
}
