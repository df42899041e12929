import { Expiration, Token } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import { IConstruct } from 'constructs';
import { ApiModeProperties } from './contract';
import { checkProps, expiration, optional, PropRules, required, text, wholeNumber } from './props';
import { validateOidcIssuer, validateOidcProviderName, validateText, validateWholeNumber } from './validate';
import type { ApiAuthorization, ApiKeyOptions, OpenIdConnectOptions } from '../api-authorization';

/**
 * An API's authorization modes as the template holds them, checked. The unit and bounds of an API key's expiry are
 * not documented for the AmplifyBackend API (`expirationTime`, a double): the Amplify CLI sends its
 * `apiKeyExpirationDays` there (amplify-category-api's auth-config-to-app-sync-auth-type mapper), which its walkthrough
 * takes from 1 to 365 ("After how many days from now the API key should expire (1-365)"), AppSync's own bounds for a
 * key. So a whole number of days, 1 to 365, is what is sent.
 */

const DAY_MS = 86_400_000;
/** What the synth itself may take between `Expiration.after()` and this check. */
const SLACK_MS = 60_000;
const MAX_KEY_DAYS = 365;
const DEFAULT_KEY_DAYS = 7;

/** The modes the AmplifyBackend API offers (AppSync's Lambda mode is not among them). */
const API_MODES: readonly string[] = [
  appsync.AuthorizationType.API_KEY, appsync.AuthorizationType.IAM, appsync.AuthorizationType.USER_POOL, appsync.AuthorizationType.OIDC,
];

const API_KEY_RULES: PropRules<ApiKeyOptions> = {
  description: optional(text('the key\'s description')),
  expires: optional(expiration),
};

const OIDC_RULES: PropRules<OpenIdConnectOptions> = {
  providerName: required(text('a name for the provider')),
  oidcProvider: required(text('the issuer\'s URL')),
  clientId: optional(text('the client id')),
  tokenExpiryFromAuth: optional(wholeNumber),
  tokenExpiryFromIssue: optional(wholeNumber),
};

/** One mode's settings for the template; `property` names it in messages (`defaultAuthorization`, `additionalAuthorizations[1]`). */
export function modeProperties(scope: IConstruct, property: string, authorization: ApiAuthorization): ApiModeProperties {
  const mode = authorization.authorizationType;
  if (!Token.isUnresolved(mode) && !API_MODES.includes(mode)) {
    throw new Error(`Invalid ${property} ${JSON.stringify(mode)} at ${scope.node.path}: the AmplifyBackend API offers ${API_MODES.join(', ')}; `
      + 'use ApiAuthorization.userPool(), apiKey(), iam() or openIdConnect({ ... }).');
  }
  switch (mode) {
    case appsync.AuthorizationType.API_KEY:
      return apiKeyProperties(scope, property, authorization.apiKeyOptions ?? {});
    case appsync.AuthorizationType.OIDC:
      return oidcProperties(scope, property, authorization.openIdConnectOptions);
    default:
      return {};
  }
}

function apiKeyProperties(scope: IConstruct, property: string, given: ApiKeyOptions): ApiModeProperties {
  const options = checkProps(scope, `ApiAuthorization.apiKey (${property})`, given, API_KEY_RULES);
  if (options.description !== undefined) validateText(scope, `${property}.description`, options.description, 256);
  return { Description: options.description, ExpirationDays: options.expires ? keyDays(scope, `${property}.expires`, options.expires) : DEFAULT_KEY_DAYS };
}

/** Whole days from now until the key expires, rounded up: 1 to 365. */
function keyDays(scope: IConstruct, property: string, expires: Expiration): number {
  const ms = expires.date.getTime() - Date.now();
  if (ms < DAY_MS - SLACK_MS || ms > MAX_KEY_DAYS * DAY_MS) {
    throw new Error(`Invalid ${property} ${expires.date.toISOString()} at ${scope.node.path}: an API key expires 1 to ${MAX_KEY_DAYS} days after `
      + `the deployment (it is sent as a number of days); use e.g. Expiration.after(Duration.days(${MAX_KEY_DAYS})).`);
  }
  return Math.ceil((ms - SLACK_MS) / DAY_MS);
}

function oidcProperties(scope: IConstruct, property: string, given: OpenIdConnectOptions | undefined): ApiModeProperties {
  const options = checkProps(scope, `ApiAuthorization.openIdConnect (${property})`, given, OIDC_RULES);
  validateOidcProviderName(scope, `${property}.providerName`, options.providerName);
  validateOidcIssuer(scope, `${property}.oidcProvider`, options.oidcProvider);
  if (options.clientId !== undefined) validateText(scope, `${property}.clientId`, options.clientId, 256);
  for (const ttl of ['tokenExpiryFromAuth', 'tokenExpiryFromIssue'] as const) {
    const value = options[ttl];
    if (value !== undefined) validateWholeNumber(scope, `${property}.${ttl}`, value, 0, Number.MAX_SAFE_INTEGER);
  }
  return {
    ProviderName: options.providerName,
    IssuerUrl: options.oidcProvider,
    ClientId: options.clientId,
    TokenExpiryFromAuth: options.tokenExpiryFromAuth,
    TokenExpiryFromIssue: options.tokenExpiryFromIssue,
  };
}
