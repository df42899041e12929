import * as fs from 'fs';

/**
 * The annotated GraphQL schema of an API (Amplify's transform schema, with `@model`, `@auth` and the other
 * directives), as AppSync's `Definition.fromFile` and `fromString` give one. It is parsed at synth: a syntax error
 * stops the synth with its line and column.
 */
export class ApiSchema {
  /** The schema in a file (e.g. `schema.graphql` beside the app), read now. */
  public static fromFile(filePath: string): ApiSchema {
    let definition: string;
    try {
      definition = fs.readFileSync(filePath, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the API schema file ${filePath}: ${(error as Error).message}. Give the path of a .graphql file `
        + '(relative paths are from the folder the app runs in).');
    }
    return new ApiSchema(definition, filePath);
  }

  /** The schema given as text (SDL). */
  public static fromString(definition: string): ApiSchema {
    return new ApiSchema(definition, 'the schema string');
  }

  /** The schema's text, as it is sent to the service. */
  public readonly definition: string;
  /** Where the schema came from (the file, or `the schema string`), for messages. */
  public readonly source: string;

  private constructor(definition: string, source: string) {
    this.definition = definition;
    this.source = source;
  }
}
