/**
 * The page to come back to after logging in, from the address the user is at: the address
 * itself, or, when it already is the login page, the page that one returns to (never a login
 * address inside another).
 */
export function returnUrlFrom(url: string): string {
  let current = url;
  for (let depth = 0; depth < 5 && /^\/login(?:[?#/]|$)/.test(current); depth++) {
    const query = current.split('#')[0].split('?')[1] ?? '';
    current = new URLSearchParams(query).get('returnUrl') ?? '/';
  }
  return /^\/login(?:[?#/]|$)/.test(current) ? '/' : current;
}
