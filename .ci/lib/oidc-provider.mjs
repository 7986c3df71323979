// A real OpenID provider on loopback (the reference implementation, `oidc-provider`), for the
// tests and for trying single sign-on with the demo (`npm start -- --with-sso`). Not for production.
//
//   OIDC_PROVIDER_SETTINGS='<json settings>' node .ci/lib/oidc-provider.mjs
//
// (in the environment, not the command line, which every user of the machine can read)
// prints one line of JSON when it listens: { "issuer": "http://127.0.0.1:<port>" }. Settings:
//   port          the port (0: any free one)
//   client        { id, secret, redirectUris, postLogoutRedirectUris, backchannelLogoutUri }
//   accounts      { "<login>": { sub?, name, email, hsa_id?, groups? } }  (no passwords: a test OP)
//   codeTtlSeconds   how long an authorization code lives (default 60)
//   extraClients  more clients, as oidc-provider's client metadata (e.g. one with private_key_jwt)
// Control (loopback only, for tests): POST /__control/rotate-keys signs with the next key from
// then on (published from the start, as providers announce keys before they use them);
// POST /__control/code-ttl?seconds=N; GET /__control/health.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_PROVIDER_SETTINGS ?? '{}');
const accounts = settings.accounts ?? {};
let codeTtlSeconds = settings.codeTtlSeconds ?? 60;

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    alg: 'RS256',
    use: 'sig',
  };
}

const keys = [signingKey(), signingKey()];
const cookieKeys = [randomBytes(32).toString('hex')];

const escape = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

function page(title, body) {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem}
label,input,button{display:block;font-size:1rem;margin:.5rem 0}input{width:100%;padding:.4rem}
button{padding:.5rem 1rem}.error{color:#a00}</style></head><body>
<p>Testinloggning (lokal OpenID-leverantör)</p>${body}</body></html>`;
}

function makeProvider(issuer) {
  const client = settings.client ?? {};
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id ?? 'hyrkoll',
        client_secret: client.secret ?? 'hyrkoll-secret',
        client_name: 'Hyrkoll',
        redirect_uris: client.redirectUris ?? [],
        post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
        ...(client.backchannelLogoutUri && {
          backchannel_logout_uri: client.backchannelLogoutUri,
          backchannel_logout_session_required: true,
        }),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      ...(settings.extraClients ?? []),
    ],
    jwks: { keys },
    cookies: { keys: cookieKeys },
    conformIdTokenClaims: false,
    // the relying party is on loopback too: without the protection against requests to special-use
    // addresses, which would refuse its back-channel logout address
    fetch: (url, { dispatcher: _dispatcher, ...options }) => globalThis.fetch(url, options),
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name'],
      email: ['email', 'email_verified'],
      hsa: ['hsa_id'],
      groups: ['groups'],
    },
    scopes: ['openid', 'profile', 'email', 'hsa', 'groups'],
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: () => codeTtlSeconds,
      IdToken: 3600,
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page(
            'Logga ut',
            `<h1>Logga ut från testleverantören?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logga ut</button>`,
          );
        },
      },
    },
    findAccount: async (_ctx, id) => {
      const account = Object.entries(accounts).find(([login, a]) => (a.sub ?? login) === id);
      if (!account) return undefined;
      const [login, claims] = account;
      return {
        accountId: id,
        claims: async () => ({ sub: claims.sub ?? login, email_verified: true, ...claims }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Fel', `<h1>Fel hos leverantören</h1><pre>${escape(JSON.stringify(out))}</pre>`);
    },
  });
  provider.proxy = false;
  provider.on('backchannel.error', (_ctx, error, client) =>
    process.stderr.write(`back-channel logout to ${client.clientId} failed: ${error.message}\n`),
  );
  provider.on('server_error', (_ctx, error) => process.stderr.write(`server error: ${error.stack}\n`));
  return provider;
}

function readForm(request) {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error('form too large'));
    });
    request.on('end', () => resolve(Object.fromEntries(new URLSearchParams(body))));
    request.on('error', reject);
  });
}

/** The login (and consent, granted at once) of an interaction: a login name, no password. */
async function interaction(provider, request, response, uid, action) {
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (request.method === 'GET') {
    const error = new URL(request.url, 'http://x').searchParams.get('error');
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      page(
        'Logga in',
        `<h1>Logga in</h1>${error ? `<p class="error" role="alert">Okänt användarnamn</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="login">Användarnamn</label><input id="login" name="login" autocomplete="username" autofocus>
<button type="submit">Logga in</button></form>`,
      ),
    );
    return;
  }
  if (action !== 'login') throw new Error('unknown interaction');
  const form = await readForm(request);
  const login = String(form.login ?? '').trim();
  const account = accounts[login];
  if (!account && details.prompt.name === 'login') {
    response.statusCode = 303;
    response.setHeader('location', `/interaction/${uid}?error=unknown`);
    response.end();
    return;
  }
  const accountId = details.prompt.name === 'login' ? (account.sub ?? login) : details.session.accountId;
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId }, consent: { grantId } },
    {
      mergeWithLastSubmission: false,
    },
  );
}

const server = createServer();
let provider;
let handle;
server.on('request', async (request, response) => {
  try {
    const url = new URL(request.url, 'http://x');
    const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(url.pathname);
    if (match) return await interaction(provider, request, response, match[1], match[2]);
    if (url.pathname.startsWith('/__control/')) {
      if (url.pathname === '/__control/rotate-keys' && request.method === 'POST') {
        keys.push(keys.shift()); // the announced key signs from now on; the old one stays published
        provider = makeProvider(provider.issuer);
        handle = provider.callback();
      } else if (url.pathname === '/__control/code-ttl' && request.method === 'POST') {
        codeTtlSeconds = Number(url.searchParams.get('seconds'));
      } else if (url.pathname !== '/__control/health') {
        response.statusCode = 404;
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ signingKey: keys[0].kid }));
      return;
    }
    return handle(request, response);
  } catch (error) {
    response.statusCode = 500;
    response.end(String(error?.message ?? error));
  }
});

server.listen(settings.port ?? 0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = makeProvider(issuer);
  handle = provider.callback();
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
