/**
 * What the Gmail content script watches: each `[role=main]` region (the list, the reading pane
 * and the thread view live there) and its parent, to notice the region being replaced.
 */
import type { AppWatch, WatchTarget } from './detector';
import { extractEmailThread, gmailFingerprint } from './gmail';
import { SENDER } from './gmail-view';
import { addsOrRemoves, classesToggled, visibilityToggled } from './mutations';

const THREAD_IDS = ['data-legacy-thread-id', 'data-thread-perm-id'];
const MESSAGE_IDS = ['data-message-id', 'data-legacy-message-id'];

const REGION: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeOldValue: true,
  // Text is never observed: subjects, names and bodies do not change which thread is open.
  attributeFilter: ['class', 'style', 'hidden', ...THREAD_IDS, ...MESSAGE_IDS],
};

/** Message state (hidden, collapsed, expanded) and the split pane's selected row. */
const STATE_CLASS = /\b(?:kQ|kx|kv|ky|h7|aps)\b/;
/** A message arriving as a bare collapsed list item shows only its sender, no id. */
const STRUCTURE = `h2.hP, [data-message-id], [role=main], tr.aps, ${SENDER}`;

function gmailTargets(document: Document): WatchTarget[] {
  const regions = [...document.querySelectorAll('[role=main]')];
  // While Gmail boots, and in a popped-out thread window, there is no region: watch the body.
  if (regions.length === 0) return document.body ? [{ node: document.body, options: REGION }] : [];
  return regions.flatMap((region): WatchTarget[] => [
    { node: region, options: REGION },
    ...(region.parentNode ? [{ node: region.parentNode, options: { childList: true } }] : []),
  ]);
}

function isRelevantGmailMutation(record: MutationRecord): boolean {
  if (record.type === 'childList') return addsOrRemoves(record, STRUCTURE);
  if (record.type !== 'attributes') return false;
  const name = record.attributeName ?? '';
  const target = record.target as Element;
  if (MESSAGE_IDS.includes(name)) return true;
  // List rows carry thread ids too; only the heading's and the selected row's count.
  if (THREAD_IDS.includes(name)) return target.localName === 'h2' || target.closest('tr.aps') !== null;
  if (name === 'class') return classesToggled(record, STATE_CLASS);
  return visibilityToggled(record) && (target.matches(STRUCTURE) || target.querySelector(STRUCTURE) !== null);
}

export const gmailWatch: AppWatch = {
  targets: gmailTargets,
  isRelevant: isRelevantGmailMutation,
  fingerprint: gmailFingerprint,
  extract: extractEmailThread,
};
