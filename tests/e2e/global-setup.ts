import { canWritePolicy, removeExtensionPolicy } from '../support/policy';

/** A policy file left by an interrupted run would change every other test's settings. */
export default function setup() {
  if (canWritePolicy()) removeExtensionPolicy();
  return () => {
    if (canWritePolicy()) removeExtensionPolicy();
  };
}
