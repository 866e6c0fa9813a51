import type { RouteDefinition } from './types';
import { authenticateRoutes } from './handlers/authenticate';
import { profileRoutes } from './handlers/profiles';
import { userRoutes } from './handlers/users';
import { roleRoutes } from './handlers/roles';
import { tokenRoutes } from './handlers/tokens';
import { apiKeyRoutes } from './handlers/api-keys';
import { roleMappingRoutes } from './handlers/role-mappings';
import { userPrivilegeRoutes } from './handlers/user-privileges';
import { rootRoutes } from './handlers/root';

/** The route table of the Elasticsearch-compatible API. */
export const ROUTES: readonly RouteDefinition[] = [
  ...rootRoutes,
  ...authenticateRoutes,
  ...profileRoutes,
  ...userRoutes,
  ...roleRoutes,
  ...tokenRoutes,
  ...apiKeyRoutes,
  ...roleMappingRoutes,
  ...userPrivilegeRoutes,
];
