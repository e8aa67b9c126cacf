// A real OpenID provider for single sign-on tests, started in the test process on a free port:
// oidc-provider (the certified Node.js implementation) with one confidential client, the
// authorization code flow with PKCE required, a `groups` claim, and RP-initiated logout.
//
// Its login page is deliberately plain: a "Username" field and a "Sign in" button. Any configured
// account signs in without a password (the provider's own security is not what these tests are
// about); consent is granted at once. Accounts and their groups can change between sign-ins, so a
// test can remove a group at the provider and watch Hindsight drop the team at the next sign-in.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export interface TestAccount {
  email: string;
  name: string;
  groups: string[];
  emailVerified?: boolean;
}

export interface TestIdpOptions {
  clientId?: string;
  clientSecret?: string;
  /** Where the client may be sent back after sign-in (Hindsight's /auth/oidc/callback). */
  redirectUris: string[];
  /** Where the client may be sent back after sign-out (Hindsight's /sign-in). */
  postLogoutRedirectUris?: string[];
  /** Accounts by username (the `sub` and `preferred_username`). */
  accounts?: Record<string, TestAccount>;
  /** Listen on this port (default: a free one). */
  port?: number;
  /** The host in the issuer URL (default 127.0.0.1). */
  host?: string;
}

export interface TestIdp {
  /** The issuer URL, as the provider names itself in discovery and in tokens. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces an account (say, with fewer groups than before). */
  setAccount(username: string, account: TestAccount): void;
  /** Usernames that signed in, in order. */
  readonly signIns: string[];
  /** Sessions ended through the end-session endpoint. */
  readonly signOuts: number;
  stop(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export async function startTestIdp(options: TestIdpOptions): Promise<TestIdp> {
  const host = options.host ?? "127.0.0.1";
  const clientId = options.clientId ?? "hindsight";
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("hex");
  const accounts = new Map(Object.entries(options.accounts ?? {}));
  const signIns: string[] = [];
  let signOuts = 0;

  // The issuer names the port, so listen first and hand requests to the provider once it exists.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handler(req, res));
  const port = await listen(server, options.port ?? 0, host);
  const issuer = `http://${host}:${port}`;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test-idp", use: "sig", alg: "RS256" };

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile", "groups"],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
      groups: ["groups"],
    },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          const current = accounts.get(sub) ?? account;
          return {
            sub,
            preferred_username: sub,
            name: current.name,
            email: current.email,
            email_verified: current.emailVerified ?? true,
            groups: current.groups,
          };
        },
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // The confirmation is a page with one button; after it the provider sends the browser back.
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = page("Sign out of the test provider?", `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.body = page("Signed out", "<p>You are signed out of the test provider.</p>");
        },
      },
    },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page("Test provider error", `<pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre>`);
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.on("end_session.success", () => {
    signOuts += 1;
  });
  const callback = provider.callback();

  const loginForm = (uid: string, error = "") =>
    page(
      "Sign in to the test provider",
      `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}<form method="post" action="/interaction/${escapeHtml(uid)}">` +
        `<label>Username <input name="login" autocomplete="username" autofocus></label> <button type="submit">Sign in</button></form>`,
    );

  const finish = async (req: IncomingMessage, res: ServerResponse, accountId: string) => {
    const details = await provider.interactionDetails(req, res);
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    if (!grant) throw new Error("grant vanished");
    grant.addOIDCScope(String(details.params.scope ?? "openid"));
    const grantId = await grant.save();
    signIns.push(accountId);
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  };

  handler = (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      callback(req, res);
      return;
    }
    const uid = match[1]!;
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === "GET") {
          // Already signed in at the provider: only consent is asked, and it is granted.
          if (details.prompt.name !== "login" && details.session?.accountId) return await finish(req, res, details.session.accountId);
          res.setHeader("content-type", "text/html; charset=utf-8");
          res.end(loginForm(uid));
          return;
        }
        const login = (await readForm(req)).get("login")?.trim() ?? "";
        if (!accounts.has(login)) {
          res.statusCode = 200;
          res.setHeader("content-type", "text/html; charset=utf-8");
          res.end(loginForm(uid, `No account "${login}" at the test provider.`));
          return;
        }
        await finish(req, res, login);
      } catch (err) {
        res.statusCode = 400;
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end(page("Test provider error", `<pre>${escapeHtml((err as Error).message)}</pre>`));
      }
    })();
  };

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount(username, account) {
      accounts.set(username, account);
    },
    signIns,
    get signOuts() {
      return signOuts;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
