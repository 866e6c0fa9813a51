import { Actions } from '@/lib/security/actions';
import { authenticateResponse } from '@/lib/security/authentication';
import type { RouteDefinition } from '../types';

export const authenticateRoutes: RouteDefinition[] = [
  {
    methods: ['GET'],
    path: '/_security/_authenticate',
    handler: (ctx) => () => {
      ctx.engine.authorization.authorize(ctx.caller, Actions.userAuthenticate);
      return { body: authenticateResponse(ctx.caller) };
    },
  },
];
