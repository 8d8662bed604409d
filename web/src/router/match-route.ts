// Path patterns like '/customers/:id' matched against a location path; no router library, because the
// dashboard has a dozen flat routes and the server already falls back to index.html for any of them.

export type RouteParams = Record<string, string>;

/** The params of `path` under `pattern`, or null when it does not match. Segments are URI-decoded. */
export function matchRoute(pattern: string, path: string): RouteParams | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('?')[0].split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try { params[want[i].slice(1)] = decodeURIComponent(have[i]); } catch { return null; }
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}

/** A path from a pattern and params, encoding each value. */
export function pathOf(pattern: string, params: RouteParams = {}): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
