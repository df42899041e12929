import { IResource, Resource } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as iam from 'aws-cdk-lib/aws-iam';

/** The GraphQL API of an Amplify backend environment (the data category Amplify Studio's models live in): an AppSync API. */
export interface IBackendApi extends IResource {
  /**
   * Name of the API resource inside its environment.
   * @attribute
   */
  readonly resourceName: string;
  /**
   * Id of the AppSync GraphQL API, e.g. `lxz775lwdrgcndgz3nurvac7oa`.
   * @attribute
   */
  readonly apiId: string;
  /**
   * The GraphQL endpoint, `https://<id>.appsync-api.<region>.amazonaws.com/graphql`.
   * @attribute
   */
  readonly graphqlUrl: string;
  /** The AppSync API, for anything that takes an `appsync.IGraphqlApi`. */
  readonly graphqlApi: appsync.IGraphqlApi;
  /**
   * Grants `actions` on `resources` of the API (IAM authorization; the API needs the AWS_IAM mode).
   * @param actions e.g. `appsync:GraphQL`
   */
  grant(grantee: iam.IGrantable, resources: appsync.IamResource, ...actions: string[]): iam.Grant;
  /**
   * Grants queries (IAM authorization; the API needs the AWS_IAM mode).
   * @param fields the Query fields to grant. Default: every one.
   */
  grantQuery(grantee: iam.IGrantable, ...fields: string[]): iam.Grant;
  /**
   * Grants mutations (IAM authorization; the API needs the AWS_IAM mode).
   * @param fields the Mutation fields to grant. Default: every one.
   */
  grantMutation(grantee: iam.IGrantable, ...fields: string[]): iam.Grant;
  /**
   * Grants subscriptions (IAM authorization; the API needs the AWS_IAM mode).
   * @param fields the Subscription fields to grant. Default: every one.
   */
  grantSubscription(grantee: iam.IGrantable, ...fields: string[]): iam.Grant;
}

/** Identifies an API that already exists in an environment. */
export interface BackendApiAttributes {
  /** Name of the API resource inside its environment. */
  readonly resourceName: string;
  /** Id of the AppSync GraphQL API. */
  readonly apiId: string;
  /**
   * The GraphQL endpoint.
   * @default - unknown: `graphqlUrl` is an empty string
   */
  readonly graphqlUrl?: string;
}

/** What created and referenced APIs have in common: the AppSync API behind the ids, and grants on it. */
export abstract class BackendApiBase extends Resource implements IBackendApi {
  public abstract readonly resourceName: string;
  public abstract readonly apiId: string;
  public abstract readonly graphqlUrl: string;
  public abstract readonly graphqlApi: appsync.IGraphqlApi;

  public grant(grantee: iam.IGrantable, resources: appsync.IamResource, ...actions: string[]): iam.Grant {
    return this.graphqlApi.grant(grantee, resources, ...actions);
  }

  public grantQuery(grantee: iam.IGrantable, ...fields: string[]): iam.Grant {
    return this.graphqlApi.grantQuery(grantee, ...fields);
  }

  public grantMutation(grantee: iam.IGrantable, ...fields: string[]): iam.Grant {
    return this.graphqlApi.grantMutation(grantee, ...fields);
  }

  public grantSubscription(grantee: iam.IGrantable, ...fields: string[]): iam.Grant {
    return this.graphqlApi.grantSubscription(grantee, ...fields);
  }
}
