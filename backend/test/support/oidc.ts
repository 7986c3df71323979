import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** What the loopback OpenID provider (.ci/lib/oidc-provider.mjs) is started with. */
export interface ProviderSettings {
  client: {
    id: string;
    secret: string;
    redirectUris: string[];
    postLogoutRedirectUris?: string[];
    backchannelLogoutUri?: string;
  };
  /** Login name → claims; `sub` defaults to the login name. */
  accounts: Record<string, Record<string, unknown>>;
  codeTtlSeconds?: number;
  /** More clients, as the provider's client metadata (e.g. one authenticating with private_key_jwt). */
  extraClients?: Record<string, unknown>[];
}

export interface LoopbackProvider {
  issuer: string;
  /** Signs with the key published beside the current one from now on; returns its kid. */
  rotateKeys(): Promise<string>;
  setCodeTtl(seconds: number): Promise<void>;
  /** What the provider wrote to its error output (failed back-channel calls, server errors). */
  errors(): string;
  close(): Promise<void>;
}

const SCRIPT = join(__dirname, '..', '..', '..', '.ci', 'lib', 'oidc-provider.mjs');

/** Starts the reference OpenID provider (`oidc-provider`) as a process of its own, on loopback. */
export async function startLoopbackProvider(settings: ProviderSettings): Promise<LoopbackProvider> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OIDC_PROVIDER_SETTINGS: JSON.stringify(settings) },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    if (!child.stdout) return reject(new Error('no output of the OpenID provider'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}): ${stderr}`)));
  });
  const control = async (path: string) => {
    const res = await fetch(`${issuer}/__control/${path}`, { method: 'POST' });
    return (await res.json()) as { signingKey: string };
  };
  return {
    issuer,
    rotateKeys: async () => (await control('rotate-keys')).signingKey,
    setCodeTtl: async (seconds) => void (await control(`code-ttl?seconds=${seconds}`)),
    errors: () => stderr,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Answer {
  url: string;
  status: number;
  location: string | null;
  body: string;
}

/**
 * A browser as far as the protocol needs one: cookies per origin, redirects followed one by one
 * and forms posted. It talks to the real API and the real provider over HTTP.
 */
export class ProtocolBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  cookieHeader(origin: string): string {
    return [...(this.jars.get(origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const target = new URL(url);
    const headers: Record<string, string> = { ...init.headers };
    const cookies = this.cookieHeader(target.origin);
    if (cookies) headers['cookie'] = cookies;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    this.keep(target.origin, res.headers.getSetCookie());
    const location = res.headers.get('location');
    return {
      url: target.href,
      status: res.status,
      location: location ? new URL(location, target).href : null,
      body: await res.text(),
    };
  }

  /** Follows redirects from `url` until an answer that is not one, or `stop` says so. */
  async follow(url: string, stop: (url: URL) => boolean = () => false): Promise<Answer> {
    let answer = await this.request(url);
    for (let hops = 0; answer.location && hops < 20; hops++) {
      if (stop(new URL(answer.location))) return answer;
      answer = await this.request(answer.location);
    }
    return answer;
  }

  /** Submits the page's only form with `fields` added to its hidden inputs. */
  async submitForm(page: Answer, fields: Record<string, string>): Promise<Answer> {
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`no form on ${page.url}: ${page.body.slice(0, 300)}`);
    const hidden = Object.fromEntries(
      [...form[2].matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    const action = new URL(form[1].replace(/&amp;/g, '&'), page.url).href;
    return this.request(action, { method: 'POST', form: { ...hidden, ...fields } });
  }

  private keep(origin: string, setCookies: string[]): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }
}
