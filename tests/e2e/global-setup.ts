import { rmSync } from 'node:fs';
import { canWritePolicy, createPrivatePolicyDir, removeExtensionPolicy } from '../support/policy';

/**
 * Gives this run a private managed-policy directory when the machine allows it (workers inherit
 * the environment), so a second `npm test` at the same time cannot change this run's settings.
 * Otherwise a policy file left by an interrupted run would change every other test's settings.
 */
export default function setup() {
  const own = process.env.DEALSIDE_POLICY_DIR ? null : createPrivatePolicyDir();
  if (own) process.env.DEALSIDE_POLICY_DIR = own;
  else if (canWritePolicy()) removeExtensionPolicy();
  return () => {
    if (own) rmSync(own, { recursive: true, force: true });
    else if (canWritePolicy()) removeExtensionPolicy();
  };
}
