import { defineConfig } from 'wxt';

/**
 * Public half of a key pair used only for non-production builds (tests, demo), so the
 * extension id — and with it the OAuth redirect URL `https://<id>.chromiumapp.org/` — is
 * stable. The Web Store rejects manifests with a `key`, so production builds carry none.
 */
const NON_PRODUCTION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoWIZN4nogjItPHV0HtlMWHWT//MAWeRhRcKZpT3dyPMczbgYTb9iGL5mvuGbgpyCGMfA8Ekc7YMjc+Ae3STCjPP1ojQz7Vpq7QG91QMStd0j2/SnUcS9i/I7kEHFqg3rUITkTfYEidmm2NTWO3g/juNVWNSmhl4bVmoUCFaI/Oipjf6jpwXOdxjNxARrl5JFfo/YLNy75mthijiIDuKbHZulQ34dmbNe8NebOUC5yWRPlH10MaCtQF5+bkKC0oDesyqhm7lmyTm4svJqM94PHhTsvkAAr9GqdpmUilcMpX7E+zscA/sviiGSdERNE0nVoFPVup+Sm/q6uY5baVVOdQIDAQAB';

const E2E_SALESFORCE_HOST = 'https://acme.my.salesforce.com/*';
const GOOGLE_API_HOSTS = ['https://www.googleapis.com/*', 'https://oauth2.googleapis.com/*'];

export default defineConfig({
  // Explicit imports everywhere: lib/ also runs in Node (CLIs, tests) without WXT's globals.
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ mode }) => ({
    name: 'Dealside',
    description:
      'Match Gmail threads and Calendar meetings to the right open opportunity in HubSpot or Salesforce, and log touches in one click.',
    ...(mode !== 'production' && { key: NON_PRODUCTION_PUBLIC_KEY }),
    // The worker restricts storage.local and storage.sync to the extension's own pages
    // (setAccessLevel), which those areas support from Chrome 140.
    minimum_chrome_version: '140',
    // Neither other extensions nor web pages may message the worker.
    externally_connectable: { ids: [] },
    permissions: ['storage', 'alarms', 'identity', 'notifications'],
    host_permissions: [
      'https://mail.google.com/*',
      'https://calendar.google.com/*',
      'https://api.hubapi.com/*',
      // Headless Chromium cannot click the permission prompt, so the test and demo build grants
      // the demo org's My Domain up front; `permissions.request` then resolves at once and the
      // same connect code runs as in production, where the rep is asked.
      ...(mode === 'e2e' ? [E2E_SALESFORCE_HOST] : []),
      // The same for the optional Google Calendar connection's two API hosts.
      ...(mode === 'e2e' ? GOOGLE_API_HOSTS : []),
    ],
    optional_host_permissions: [
      'https://*.my.salesforce.com/*',
      'https://*.sandbox.my.salesforce.com/*',
      'https://login.salesforce.com/*',
      'https://test.salesforce.com/*',
      // Asked when the rep connects Google Calendar (lib/auth/google.ts GOOGLE_ORIGINS).
      ...GOOGLE_API_HOSTS,
    ],
    action: { default_title: 'Open Dealside' },
    commands: {
      'log-current': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Log the open thread or meeting to its deal (with the panel open)',
      },
    },
    storage: { managed_schema: 'managed_schema.json' },
  }),
});
