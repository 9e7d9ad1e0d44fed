import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** A person known to the test provider, by subject. */
export interface TestUser {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** A real OpenID Connect provider (oidc-provider) on a loopback port, for single sign-on tests. */
export interface OidcFixture {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The subject that the next authorization request signs in as (the provider's login step). */
  signInAs(subject: string): void;
  close(): Promise<void>;
}

/**
 * Starts oidc-provider with one confidential client. Its login and consent step is answered
 * programmatically for the subject named with `signInAs`, the way a user would at the provider.
 */
export async function startOidcProvider(options: {
  users: Record<string, TestUser>;
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** Who signs in when the test did not name anyone (browser tests in another process). */
  defaultSubject?: string;
  /**
   * Browser tests run in another process than the provider: `POST /test/sign-in-as/<subject>`
   * then names who signs in next, as `signInAs` does in the same process.
   */
  remoteControl?: boolean;
}): Promise<OidcFixture> {
  const clientId = "verbund";
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}`;
  let nextSubject = options.defaultSubject ?? "";
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["verbund-test-cookie-key"] },
    findAccount: async (_ctx, sub) =>
      options.users[sub] ? { accountId: sub, claims: async () => ({ sub, ...options.users[sub] }) } : undefined,
  });
  const callback = provider.callback();
  server.on("request", async (req, res) => {
    const remote = /^\/test\/sign-in-as\/([\w.-]+)$/.exec(req.url ?? "");
    if (options.remoteControl && remote && req.method === "POST") {
      nextSubject = remote[1];
      res.statusCode = 204;
      res.end();
      return;
    }
    if (req.url?.startsWith("/interaction/")) {
      try {
        const details = await provider.interactionDetails(req, res);
        const grant = new provider.Grant({ accountId: nextSubject, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: nextSubject }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      } catch (err) {
        res.statusCode = 500;
        res.end(String(err));
      }
      return;
    }
    callback(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (subject) => {
      nextSubject = subject;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A minimal cookie jar for following the provider's redirects with fetch. */
export class CookieJar {
  private cookies = new Map<string, string>();
  store(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}
