/**
 * Path-template router (`/crm/v3/objects/:type/:id`). Tiny on purpose: the fake must not pull
 * in a framework, and matching order is the declaration order.
 */
export type Params = Record<string, string>;

export interface Route<C, R> {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: (ctx: C, params: Params) => R | Promise<R>;
}

export function route<C, R>(
  method: string,
  template: string,
  handler: (ctx: C, params: Params) => R | Promise<R>,
): Route<C, R> {
  const keys: string[] = [];
  const source = template
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        keys.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}/?$`), keys, handler };
}

export type RouteMatch<C, R> =
  | { kind: 'found'; route: Route<C, R>; params: Params }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

export function matchRoute<C, R>(
  routes: readonly Route<C, R>[],
  method: string,
  path: string,
): RouteMatch<C, R> {
  let pathMatched = false;
  for (const candidate of routes) {
    const m = candidate.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (candidate.method !== method) continue;
    const params: Params = {};
    candidate.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { kind: 'found', route: candidate, params };
  }
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
