import type { RouteDefinition } from './types';
import { authenticateRoutes } from './handlers/authenticate';
import { profileRoutes } from './handlers/profiles';
import { userRoutes } from './handlers/users';
import { roleRoutes } from './handlers/roles';

/** The route table of the Elasticsearch-compatible API. */
export const ROUTES: readonly RouteDefinition[] = [...authenticateRoutes, ...profileRoutes, ...userRoutes, ...roleRoutes];
