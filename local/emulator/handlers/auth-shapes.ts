import { flag, listOf, numeric, oneOf, Shape, struct, text } from '../shape';

/** A structure's keys: CreateBackendAuth requires `required`; UpdateBackendAuth mostly makes them optional. */
interface Fields {
  readonly required: Record<string, Shape>;
  readonly optional: Record<string, Shape>;
}

const asCreated = (fields: Fields): Shape => struct(fields.required, fields.optional);
const asUpdated = (fields: Fields): Shape => struct({}, { ...fields.required, ...fields.optional });

const socialProvider = struct({}, { client_id: text, client_secret: text });

/** `forgotPassword` and `verificationMessage`. */
const message: Fields = {
  required: { deliveryMethod: oneOf('EMAIL', 'SMS') },
  optional: { emailSettings: struct({}, { emailMessage: text, emailSubject: text }), smsSettings: struct({}, { smsMessage: text }) },
};

/** `mfa`: the SDK sends `MFAMode` in PascalCase (its model has no JSON name for it). */
const mfa: Fields = {
  required: { MFAMode: oneOf('ON', 'OFF', 'OPTIONAL') },
  optional: { settings: struct({}, { mfaTypes: listOf(oneOf('SMS', 'TOTP')), smsMessage: text }) },
};

/** `oAuth`: social provider names are PascalCase, their keys snake case, as the SDK sends them. */
const oAuth: Fields = {
  required: {
    oAuthGrantType: oneOf('CODE', 'IMPLICIT'),
    oAuthScopes: listOf(oneOf('PHONE', 'EMAIL', 'OPENID', 'PROFILE', 'AWS_COGNITO_SIGNIN_USER_ADMIN')),
    redirectSignInURIs: listOf(text),
    redirectSignOutURIs: listOf(text),
  },
  optional: {
    domainPrefix: text,
    socialProviderSettings: struct({}, {
      Facebook: socialProvider,
      Google: socialProvider,
      LoginWithAmazon: socialProvider,
      SignInWithApple: struct({}, { client_id: text, key_id: text, private_key: text, team_id: text }),
    }),
  },
};

const passwordPolicy: Fields = {
  required: { minimumLength: numeric },
  optional: { additionalConstraints: listOf(oneOf('REQUIRE_DIGIT', 'REQUIRE_LOWERCASE', 'REQUIRE_SYMBOL', 'REQUIRE_UPPERCASE')) },
};

const signUpAttribute = oneOf(
  'ADDRESS', 'BIRTHDATE', 'EMAIL', 'FAMILY_NAME', 'GENDER', 'GIVEN_NAME', 'LOCALE', 'MIDDLE_NAME', 'NAME',
  'NICKNAME', 'PHONE_NUMBER', 'PICTURE', 'PREFERRED_USERNAME', 'PROFILE', 'UPDATED_AT', 'WEBSITE', 'ZONE_INFO',
);

const categoryKeys = {
  authResources: oneOf('USER_POOL_ONLY', 'IDENTITY_POOL_AND_USER_POOL'),
  service: oneOf('COGNITO'),
};

/** CreateBackendAuth's `resourceConfig`. */
export const CREATE_AUTH_CONFIG = struct(
  {
    ...categoryKeys,
    userPoolConfigs: struct(
      { requiredSignUpAttributes: listOf(signUpAttribute), signInMethod: oneOf('EMAIL', 'EMAIL_AND_PHONE_NUMBER', 'PHONE_NUMBER', 'USERNAME'), userPoolName: text },
      {
        forgotPassword: asCreated(message),
        mfa: asCreated(mfa),
        oAuth: asCreated(oAuth),
        passwordPolicy: asCreated(passwordPolicy),
        verificationMessage: asCreated(message),
      },
    ),
  },
  { identityPoolConfigs: struct({ identityPoolName: text, unauthenticatedLogin: flag }) },
);

/** UpdateBackendAuth's `resourceConfig`: the pool settings are optional, except a verification message's delivery method. */
export const UPDATE_AUTH_CONFIG = struct(
  {
    ...categoryKeys,
    userPoolConfigs: struct({}, {
      forgotPassword: asUpdated(message),
      mfa: asUpdated(mfa),
      oAuth: asUpdated(oAuth),
      passwordPolicy: asUpdated(passwordPolicy),
      verificationMessage: asCreated(message),
    }),
  },
  { identityPoolConfigs: struct({}, { unauthenticatedLogin: flag }) },
);
