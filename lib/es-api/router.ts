import type { HttpMethod, RouteDefinition } from './types';

interface CompiledRoute {
  route: RouteDefinition;
  segments: Array<{ literal: string } | { param: string }>;
  literalCount: number;
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: HttpMethod[] }
  | { kind: 'not_found' };

/** Elasticsearch's RestRequest.Method order, used for "allowed: [...]" and the Allow header. */
const METHOD_ORDER: HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

/**
 * Path-trie-like matching as in Elasticsearch's RestController: among routes whose pattern
 * fits the path, those with more literal segments win, and the first that takes the method
 * handles it. So `GET /_security/profile/_activate` reaches get-profile with uid "_activate".
 */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly RouteDefinition[]) {
    this.routes = routes.map((route) => {
      const segments = route.path
        .split('/')
        .filter((s) => s !== '')
        .map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s }));
      return { route, segments, literalCount: segments.filter((s) => 'literal' in s).length };
    });
    this.routes.sort((a, b) => b.literalCount - a.literalCount);
  }

  /**
   * Recent answers by path, then method (routes never change); most requests repeat a few paths.
   * Two levels rather than one "METHOD path" key: no string is built per request.
   */
  private readonly recent = new Map<string, Map<string, RouteMatch>>();

  match(method: string, rawPath: string): RouteMatch {
    let byMethod = this.recent.get(rawPath);
    let result = byMethod?.get(method);
    if (!result) {
      result = this.resolve(method, rawPath);
      if (!byMethod) {
        if (this.recent.size >= 1000) this.recent.clear();
        byMethod = new Map();
        this.recent.set(rawPath, byMethod);
      }
      byMethod.set(method, result);
    }
    return result;
  }

  private resolve(method: string, rawPath: string): RouteMatch {
    const parts = rawPath
      .split('/')
      .filter((s) => s !== '')
      .map(decodeSegment);
    const effectiveMethod = method === 'HEAD' ? 'GET' : method;
    const allowed = new Set<HttpMethod>();
    for (const compiled of this.routes) {
      const params = matchSegments(compiled, parts);
      if (!params) continue;
      if (compiled.route.methods.includes(effectiveMethod as HttpMethod)) {
        return { kind: 'found', route: compiled.route, params };
      }
      compiled.route.methods.forEach((m) => allowed.add(m));
    }
    if (allowed.size === 0) return { kind: 'not_found' };
    return { kind: 'method_not_allowed', allowed: METHOD_ORDER.filter((m) => allowed.has(m)) };
  }
}

function matchSegments(compiled: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  if (compiled.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = compiled.segments[i];
    if ('literal' in segment) {
      if (segment.literal !== parts[i]) return undefined;
    } else {
      params[segment.param] = parts[i];
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
