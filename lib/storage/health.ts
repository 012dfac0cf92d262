/** The worker's view of the stored data: what is in quarantine, how full local storage is. */
import type { StorageHealth } from './health-view';
import { listQuarantined } from './quarantine';
import { localUsage } from './quota';

export async function storageHealth(): Promise<StorageHealth> {
  const [quarantined, usage] = await Promise.all([listQuarantined(), localUsage().catch(() => null)]);
  return { quarantined, usage };
}
