/**
 * `npm run fake-crm -- --port 8787 [--https] [--host 127.0.0.1] [--seed empty] [--now ISO]
 * [--rng-seed N] [--instance-url URL|self]` — runs the fake CRM until interrupted.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CERT_HOSTS, makeCertificate, startFakeCrm } from './';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    https: { type: 'boolean', default: false },
    seed: { type: 'string', default: 'book' },
    now: { type: 'string' },
    'rng-seed': { type: 'string' },
    'instance-url': { type: 'string' },
  },
});

async function main() {
  const seed = values.seed === 'empty' ? 'empty' : 'book';
  const tls = values.https ? await makeCertificate(DEFAULT_CERT_HOSTS) : undefined;
  const crm = await startFakeCrm({
    port: Number(values.port),
    host: values.host,
    seed,
    ...(tls ? { tls } : {}),
    ...(values.now ? { now: new Date(values.now) } : {}),
    ...(values['rng-seed'] ? { rngSeed: Number(values['rng-seed']) } : {}),
    ...(values['instance-url'] ? { salesforceInstanceUrl: values['instance-url'] } : {}),
  });
  const target = `${values.host}:${crm.port}`;
  const mapped = tls
    ? DEFAULT_CERT_HOSTS
    : ['api.hubapi.com', 'app.hubspot.com', 'login.salesforce.com', 'acme.my.salesforce.com'];
  console.log(`fake CRM listening on ${crm.url} (seed: ${seed})`);
  console.log(`  HubSpot private-app token: pat-na1-demo-private-app`);
  console.log(
    `  Chromium: --host-resolver-rules="${mapped.map((h) => `MAP ${h} ${target}`).join(', ')}"${tls ? ' --ignore-certificate-errors' : ''}`,
  );
  console.log(`  admin: ${crm.url}/__admin/state`);
  const stop = () => {
    void crm.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
