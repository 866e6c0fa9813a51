/**
 * The grant in an activate request (Elasticsearch's Grant / GrantRequest): whose credentials the
 * profile is activated from. Validation messages and their order follow Grant.validate.
 */
export interface ClientAuthentication {
  scheme: string;
  value: string;
}

export interface Grant {
  grant_type?: string;
  username?: string;
  password?: string;
  access_token?: string;
  client_authentication?: ClientAuthentication;
  /**
   * Grant.runAsUsername: run the grant's credentials as this user. The activate REST API does not
   * accept it (elastic/elasticsearch#87725); TransportGrantAction's checks still apply to it.
   */
  run_as?: string;
}

export const PASSWORD_GRANT = 'password';
export const ACCESS_TOKEN_GRANT = 'access_token';

/** "Blank" in Elasticsearch's sense: absent or the empty string (whitespace counts as present). */
function blank(value: string | undefined): boolean {
  return value === undefined || value === '';
}

/** Returns the validation messages for a grant; empty when it is valid. */
export function validateGrant(grant: Grant): string[] {
  const errors: string[] = [];
  const type = grant.grant_type;
  if (type === undefined) {
    errors.push('[grant_type] is required');
    return errors;
  }
  if (type === PASSWORD_GRANT) {
    if (blank(grant.username)) errors.push('[username] is required for grant_type [password]');
    if (blank(grant.password)) errors.push('[password] is required for grant_type [password]');
    if (!blank(grant.access_token)) errors.push('[access_token] is not supported for grant_type [password]');
    if (grant.client_authentication !== undefined) {
      errors.push('[client_authentication] is not supported for grant_type [password]');
      return errors;
    }
  } else if (type === ACCESS_TOKEN_GRANT) {
    if (blank(grant.access_token)) errors.push('[access_token] is required for grant_type [access_token]');
    if (!blank(grant.username)) errors.push('[username] is not supported for grant_type [access_token]');
    if (!blank(grant.password)) errors.push('[password] is not supported for grant_type [access_token]');
    if (grant.client_authentication !== undefined && grant.client_authentication.scheme.trim() !== 'SharedSecret') {
      errors.push('[client_authentication.scheme] must be set to [SharedSecret]');
    }
  } else {
    errors.push(`grant_type [${type}] is not supported`);
  }
  return errors;
}
