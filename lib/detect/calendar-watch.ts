/**
 * What the Calendar content script watches: the `[role=main]` region (the event page) and the
 * dialog layer: the body's other children, where Calendar appends its event dialog.
 */
import { calendarFingerprint, extractMeeting } from './calendar';
import type { AppWatch, WatchTarget } from './detector';
import { addsOrRemoves, visibilityToggled } from './mutations';

const REGION: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeOldValue: true,
  attributeFilter: ['data-eventid', 'data-is-create', 'style', 'hidden', 'aria-hidden'],
};
const OPENED = '[role=dialog], [data-is-create]';
const NOT_A_LAYER = new Set(['script', 'style', 'link', 'meta', 'noscript', 'template']);

function calendarTargets(document: Document): WatchTarget[] {
  const body = document.body;
  if (!body) return [];
  const regions = [...document.querySelectorAll('[role=main]')];
  // The body's own child list tells when a new layer appears (it is then watched on the next run).
  const targets: WatchTarget[] = [{ node: body, options: { childList: true } }];
  for (const region of regions) targets.push({ node: region, options: REGION });
  for (const layer of body.children) {
    if (NOT_A_LAYER.has(layer.localName) || regions.some((region) => layer.contains(region))) continue;
    targets.push({ node: layer, options: REGION });
  }
  return targets;
}

function isRelevantCalendarMutation(record: MutationRecord): boolean {
  const target = record.target as Element;
  if (record.type === 'childList') {
    return target === target.ownerDocument.body || addsOrRemoves(record, OPENED);
  }
  if (record.type !== 'attributes') return false;
  const name = record.attributeName;
  if (name === 'data-is-create') return true;
  // The dialog is reused between events and re-keyed in place; grid chips change ids too.
  if (name === 'data-eventid') return target.closest('[role=dialog]') !== null;
  return visibilityToggled(record) && (target.matches(OPENED) || target.querySelector(OPENED) !== null);
}

export const calendarWatch: AppWatch = {
  targets: calendarTargets,
  isRelevant: isRelevantCalendarMutation,
  fingerprint: calendarFingerprint,
  extract: extractMeeting,
};
