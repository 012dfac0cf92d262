import { useMutation, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import type { AuthStatus } from '@/lib/auth/session';
import type { Provider } from '@/lib/domain/types';
import { sendToWorker } from '@/lib/messaging';
import { queryKeys, useConfigView } from './hooks/use-worker';
import { ErrorNote } from './ErrorNote';

const NAMES: Record<Provider, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/** The login (My Domain) origin must be granted before Dealside can talk to Salesforce. */
function loginOrigin(loginUrl: string): string | null {
  try {
    return `${new URL(loginUrl).origin}/*`;
  } catch {
    return null;
  }
}

async function connect(provider: Provider, loginUrl: string): Promise<AuthStatus> {
  if (provider === 'salesforce') {
    // Asked while the click still counts as a user gesture, before any message round trip.
    const origin = loginOrigin(loginUrl);
    if (origin && !(await browser.permissions.request({ origins: [origin] }))) {
      throw new Error(`Dealside needs access to ${new URL(loginUrl).host} to sign you in to Salesforce.`);
    }
  }
  const { authorizeUrl, origins } = await sendToWorker('auth.begin', { provider });
  if (origins.length > 0 && !(await browser.permissions.contains({ origins }))) {
    throw new Error('Dealside was not allowed to reach your CRM.');
  }
  // The panel runs the flow (the worker may be stopped while the rep types a password);
  // only the one-time code comes back here, and the worker alone can redeem it.
  const redirectUrl = await browser.identity.launchWebAuthFlow({ url: authorizeUrl, interactive: true });
  if (!redirectUrl) throw new Error('Sign-in was closed before it finished.');
  return sendToWorker('auth.complete', { redirectUrl });
}

export function SignIn({ auth }: { auth: AuthStatus }) {
  const client = useQueryClient();
  const config = useConfigView();
  const locked = config.data?.locked.includes('crmProvider') ?? false;

  const choose = useMutation({
    mutationFn: (provider: Provider) => sendToWorker('config.save', { edits: { crmProvider: provider } }),
    onSuccess: () => client.invalidateQueries(),
  });
  const signIn = useMutation({
    mutationFn: (provider: Provider) => connect(provider, config.data?.config.salesforceLoginUrl ?? ''),
    onSuccess: (status) => {
      client.setQueryData(queryKeys.auth, status);
      void client.invalidateQueries();
    },
  });

  if (auth.state === 'not-configured' || !auth.provider) {
    return (
      <section className="card" aria-labelledby="signin-title">
        <h2 id="signin-title">Which CRM does your team use?</h2>
        {locked ? (
          <p>Your administrator has not finished setting up Dealside. Ask them to choose the CRM.</p>
        ) : (
          <div className="row">
            {(['hubspot', 'salesforce'] as const).map((provider) => (
              <button
                key={provider}
                type="button"
                disabled={choose.isPending}
                onClick={() => choose.mutate(provider)}
              >
                {NAMES[provider]}
              </button>
            ))}
          </div>
        )}
        <ErrorNote error={choose.error} />
      </section>
    );
  }

  const name = NAMES[auth.provider];
  return (
    <section className="card" aria-labelledby="signin-title">
      <h2 id="signin-title">{auth.state === 'expired' ? `Sign in to ${name} again` : `Connect ${name}`}</h2>
      <p className="muted">
        {auth.state === 'expired'
          ? 'Your CRM session has ended. Nothing you logged is lost: it waits until you sign in.'
          : `Dealside reads deals and logs activities in your ${name}, and nowhere else.`}
      </p>
      {auth.problem ? (
        <p className="warn">{auth.problem}</p>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={signIn.isPending}
          onClick={() => signIn.mutate(auth.provider!)}
        >
          {signIn.isPending ? 'Signing in…' : `Sign in to ${name}`}
        </button>
      )}
      <ErrorNote error={signIn.error} />
    </section>
  );
}
