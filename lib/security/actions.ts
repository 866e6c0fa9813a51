/** Elasticsearch transport action names: what cluster privileges are checked against. */
export const Actions = {
  profileActivate: 'cluster:admin/xpack/security/profile/activate',
  profileGet: 'cluster:admin/xpack/security/profile/get',
  profileSetEnabled: 'cluster:admin/xpack/security/profile/set_enabled',
  profilePutData: 'cluster:admin/xpack/security/profile/put/data',
  profileSuggest: 'cluster:admin/xpack/security/profile/suggest',
  profileHasPrivileges: 'cluster:admin/xpack/security/profile/has_privileges',
  userPut: 'cluster:admin/xpack/security/user/put',
  userGet: 'cluster:admin/xpack/security/user/get',
  userDelete: 'cluster:admin/xpack/security/user/delete',
  userChangePassword: 'cluster:admin/xpack/security/user/change_password',
  userSetEnabled: 'cluster:admin/xpack/security/user/set_enabled',
  userAuthenticate: 'cluster:admin/xpack/security/user/authenticate',
  userHasPrivileges: 'cluster:admin/xpack/security/user/has_privileges',
  userListPrivileges: 'cluster:admin/xpack/security/user/list_privileges',
  rolePut: 'cluster:admin/xpack/security/role/put',
  roleGet: 'cluster:admin/xpack/security/role/get',
  roleDelete: 'cluster:admin/xpack/security/role/delete',
  tokenCreate: 'cluster:admin/xpack/security/token/create',
  tokenRefresh: 'cluster:admin/xpack/security/token/refresh',
  tokenInvalidate: 'cluster:admin/xpack/security/token/invalidate',
  apiKeyCreate: 'cluster:admin/xpack/security/api_key/create',
  apiKeyGet: 'cluster:admin/xpack/security/api_key/get',
  apiKeyInvalidate: 'cluster:admin/xpack/security/api_key/invalidate',
  /** GET / (RestMainAction): node and version information. */
  main: 'cluster:monitor/main',
} as const;

export type ActionName = (typeof Actions)[keyof typeof Actions];
