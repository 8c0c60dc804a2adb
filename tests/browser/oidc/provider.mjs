// A real OpenID Connect provider for the browser tests (npm oidc-provider, by panva), on 127.0.0.1 only.
// It stands in for the council's Entra ID: the authorization code flow with PKCE, RS256 id tokens carrying
// `oid`, `email` and `groups` as Entra sends them, and RP-initiated sign-out.
//
//   node provider.mjs <config.json>
// config.json: {"client_id", "client_secret", "redirect_uri", "post_logout_redirect_uri",
//               "accounts": {"<login>": {"oid", "email", "given_name", "family_name", "groups": [...]}}}
// Prints "listening <issuer>" once it accepts connections. Any password signs in a known login (dev
// interactions); an unknown login is refused by findAccount.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: config.client_id,
      client_secret: config.client_secret,
      redirect_uris: [config.redirect_uri],
      post_logout_redirect_uris: [config.post_logout_redirect_uri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    claims: {
      openid: ['sub', 'oid', 'groups'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    },
    // Entra puts the claims in the id token; so do we (the app reads no userinfo from Entra)
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(ctx, id) {
      const account = config.accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email_verified: true, preferred_username: account.email,
                   name: `${account.given_name} ${account.family_name}`, ...account };
        },
      };
    },
    // a first-party application: no consent screen, as Entra with the council's admin consent
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId,
                                                   accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (ctx, error) => console.error('provider error', error));
  server.on('request', provider.callback());
  console.log(`listening ${issuer}`);
});
