import { Actions } from '@/lib/security/actions';
import type { RouteDefinition } from '../types';

/**
 * GET / (RestMainAction), what the official clients' `info()` and `ping()` (HEAD) call. There
 * is no Elasticsearch build here to report, so `version.number` states the REST API level this
 * engine answers by default (compatible-with=9), as Elasticsearch Serverless reports a fixed API
 * version, and `build_flavor` names the product. Browsers asking for HTML at "/" get the console
 * instead (next.config.js sends only other requests here).
 */
const VERSION = Object.freeze({ number: '9.0.0', build_flavor: 'profile-console', build_type: 'embedded', build_snapshot: false });

export const rootRoutes: RouteDefinition[] = [
  {
    methods: ['GET'],
    path: '/',
    handler: (ctx) => () => {
      ctx.engine.authorization.authorize(ctx.caller, Actions.main);
      return {
        // The same URL answers the console's HTML to browsers: caches must keep them apart.
        headers: { vary: 'Accept, RSC' },
        body: {
          name: ctx.engine.nodeName,
          cluster_name: 'profile-console',
          cluster_uuid: ctx.engine.clusterUuid,
          version: VERSION,
          tagline: 'You Know, for Search',
        },
      };
    },
  },
];
