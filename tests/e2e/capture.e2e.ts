/**
 * Auto-capture end to end, for HubSpot and Salesforce: the rep sends from Gmail (compose
 * fixtures: new message, reply, inline reply) and the email reaches the deal, its contacts and
 * account with no click in `auto` mode, with one click in `suggest` mode; Undo takes it back out
 * of the CRM; an internal-only send writes nothing; the same message seen again in its thread,
 * a stopped worker and a reloaded extension still make one record.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { gmailSends, gmailUndoesSend, gmailUndoWindowEnds } from '../support/gmail-send';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { hubspotAssociations, hubspotRecord, liveActivities } from './support/crm-assert';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';
import { gmailThreadHtml, SAM } from './support/threads';

declare const chrome: typeof Browser;

const CRM = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;

/** Runs one of the self-contained Gmail stand-ins in the page. */
const inPage = (page: Page, step: (doc: Document) => void) => page.evaluate(`(${step.toString()})(document)`);

describe.each(['hubspot', 'salesforce'] as const)('%s: sent email is captured at send', (provider) => {
  let stack: Stack;
  let panel: Page;
  const base = settingsFor(provider);

  beforeAll(async () => {
    stack = await startStack();
    await stack.configure({ ...base, captureSent: 'auto' });
  });
  afterAll(() => stack?.close());

  it('the rep signs in once; the panel stays open beside Gmail', async () => {
    // Sign-in is offered beside a thread; the panel then stays open through every send.
    const thread = 'gmail/gmail-thread-basic.html';
    const { tabId } = await stack.open(fixtureUrl(thread), fixtureHtml(thread));
    panel = await openPanelFor(stack, tabId);
    await signIn(panel, CRM[provider]);
  });

  /** Emails in the CRM with this subject (Salesforce's "Email: " and a reply's "Re: " aside). */
  function emailsWith(subject: string) {
    return liveActivities(stack.crm, provider).filter(
      (a) => a.kind === 'email' && a.subject.replace(/^(Email: )?(Re: )?/, '') === subject,
    );
  }

  /** Opens a compose fixture (its subject made unique) once the content script listens. */
  async function openCompose(name: string, subject: string, edit: (html: string) => string = (h) => h) {
    const fixture = `compose/${name}.html`;
    let html = fixtureHtml(fixture)
      .replaceAll('Acme rollout: pricing for 250 seats', subject)
      .replaceAll('Acme rollout: next steps', subject);
    html = edit(html);
    const url = fixtureUrl(fixture).replace('#', `?s=${encodeURIComponent(subject)}#`);
    const { page, tabId } = await stack.open(url, html);
    const worker = await stack.dealside.worker();
    await expect
      .poll(() =>
        worker.evaluate(
          (id) =>
            chrome.tabs.sendMessage(id, { type: 'detect.refresh', data: {} }, { frameId: 0 }).then(
              (reply) => (reply as { ok?: boolean })?.ok === true,
              () => false,
            ),
          tabId,
        ),
      )
      .toBe(true);
    return page;
  }

  /** The rep clicks Send; Gmail shows its undo toast, then the window passes. */
  async function send(page: Page) {
    await page.getByRole('button', { name: 'Send' }).click();
    await inPage(page, gmailSends);
    await inPage(page, gmailUndoWindowEnds);
  }

  it.each([
    ['compose-new', 'Rollout, new message'],
    ['compose-reply', 'Rollout, reply'],
    ['compose-inline-reply', 'Rollout, inline reply'],
  ])('%s in auto mode: one email on the deal, its contacts and account, no click', async (name, subject) => {
    const ids = stack.crm.store.bookIds[provider];
    const page = await openCompose(name, subject);
    await send(page);
    await expect.poll(() => emailsWith(subject).length, { timeout: 20_000 }).toBe(1);
    const [email] = emailsWith(subject);
    if (provider === 'hubspot') {
      expect(hubspotAssociations(stack.crm, 'emails', email!.id)).toMatchObject({
        deals: [ids.o1],
        companies: [ids.a1],
      });
      expect(hubspotAssociations(stack.crm, 'emails', email!.id).contacts).toContain(ids.c1);
      const properties = hubspotRecord(stack.crm, 'emails', email!.id).properties;
      expect(JSON.stringify(properties)).not.toContain('ceo-private@acme.com');
    } else {
      const task = stack.crm.store.salesforce.tasks.find((t) => String(t.Id) === email!.id)!;
      expect(task).toMatchObject({ WhatId: ids.o1, WhoId: ids.c1, TaskSubtype: 'Email' });
      expect(JSON.stringify(task)).not.toContain('ceo-private@acme.com');
    }
    await expect
      .poll(() => panel.getByText(`Logged to Acme — Platform automatically`, { exact: false }).count())
      .toBeGreaterThan(0);
    await page.close();
  });

  it('the same message seen later in its thread is the same touch: still one record', async () => {
    const subject = 'Rollout, seen again';
    const page = await openCompose('compose-reply', subject);
    await send(page);
    await expect.poll(() => emailsWith(subject).length, { timeout: 20_000 }).toBe(1);
    // Gmail now shows the thread with the sent message under its own id, and a new reply from
    // Jane (received capture suggests it: the sign the thread view has been captured).
    const minute = (d: Date) =>
      d.toLocaleString('en-US', {
        weekday: 'short',
        month: 'short',
        day: 'numeric',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: 'UTC',
      });
    const now = new Date();
    const jane = { email: 'jane@acme.com', name: 'Jane Doe' };
    const html = gmailThreadHtml({
      threadId: '198c6747aabb71a9',
      subject,
      messages: [
        {
          id: '198c6747aabb71a9',
          from: jane,
          to: [SAM],
          date: minute(new Date(now.getTime() - 3_600_000)),
          body: 'Could you send the order form?',
        },
        {
          id: '19d847db53731d21',
          from: SAM,
          to: [jane],
          date: minute(now),
          body: 'Jane, the signed order form is attached.',
        },
      ],
    });
    await page.close();
    const { page: thread } = await stack.open(
      `https://mail.google.com/mail/u/0/?seen=1#inbox/198c6747aabb71a9`,
      html,
    );
    await expect
      .poll(
        () =>
          panel
            .getByRole('region', { name: /Waiting for you/ })
            .getByText(subject)
            .count(),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0);
    expect(emailsWith(subject)).toHaveLength(1);
    await thread.close();
  });

  it('Undo deletes the automatic log from the CRM', async () => {
    const subject = 'Rollout, undone later';
    const page = await openCompose('compose-new', subject);
    await send(page);
    await expect.poll(() => emailsWith(subject).length, { timeout: 20_000 }).toBe(1);
    await panel.getByRole('button', { name: `Undo: ${subject}` }).click();
    await expect.poll(() => emailsWith(subject).length, { timeout: 20_000 }).toBe(0);
    await expect.poll(() => panel.getByText('Undone').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('Undo in Gmail within its delay logs nothing', async () => {
    const subject = 'Rollout, undone in Gmail';
    const page = await openCompose('compose-new', subject);
    await page.getByRole('button', { name: 'Send' }).click();
    await inPage(page, gmailSends);
    await page.locator('#link_undo').click();
    await inPage(page, gmailUndoesSend);
    // A later send is captured: the undone one, which came first, was not.
    const next = 'Rollout, sent after an undo';
    const other = await openCompose('compose-new', next);
    await send(other);
    await expect.poll(() => emailsWith(next).length, { timeout: 20_000 }).toBe(1);
    expect(emailsWith(subject)).toHaveLength(0);
    await Promise.all([page.close(), other.close()]);
  });

  it('an internal-only send makes no CRM write', async () => {
    const subject = 'Rollout, internal only';
    const writesBefore = stack.crm.store.writes.length;
    const page = await openCompose('compose-new', subject, (html) =>
      html
        .replaceAll('jane@acme.com', 'lea@ourco.com')
        .replaceAll('bob@acme.com', 'max@ourco.com')
        .replaceAll('ceo-private@acme.com', 'ceo@ourco.com'),
    );
    await send(page);
    const next = 'Rollout, external after internal';
    const other = await openCompose('compose-new', next);
    await send(other);
    await expect.poll(() => emailsWith(next).length, { timeout: 20_000 }).toBe(1);
    expect(emailsWith(subject)).toHaveLength(0);
    // The only record made since is the external email's.
    const made = stack.crm.store.writes.slice(writesBefore).filter((w) => w.op.endsWith('create'));
    expect(made.map((w) => w.id)).toEqual([emailsWith(next)[0]!.id]);
    await Promise.all([page.close(), other.close()]);
  });

  it('suggest mode: waits in the panel and on the badge, then one click logs it', async () => {
    await stack.configure({ ...base, captureSent: 'suggest' });
    const subject = 'Rollout, suggested: one click';
    const page = await openCompose('compose-new', subject);
    await send(page);
    const waiting = panel.getByRole('region', { name: /Waiting for you/ });
    await expect.poll(() => waiting.getByText(subject).count(), { timeout: 20_000 }).toBe(1);
    const worker = await stack.dealside.worker();
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).not.toBe('');
    expect(emailsWith(subject)).toHaveLength(0);
    await waiting.getByRole('button', { name: `Confirm: ${subject} to Acme — Platform` }).click();
    await expect.poll(() => emailsWith(subject).length, { timeout: 20_000 }).toBe(1);
    await stack.configure({ ...base, captureSent: 'auto' });
    await page.close();
  });

  it('an extension reload (its worker stopped) between capture and write: one record', async () => {
    const subject = 'Rollout, survives a restart';
    // The match reads work; every write of an email fails (503) and waits for a retry.
    stack.crm.setFaults({
      serverError: { probability: 1, status: 503 },
      onlyPaths: 'objects/emails$|sobjects/Task',
    });
    const page = await openCompose('compose-inline-reply', subject);
    await send(page);
    // Captured and queued; the write has not landed.
    await expect
      .poll(() => panel.getByText(/Not yet in your CRM/).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await stack.dealside.reloadExtension();
    stack.crm.setFaults({});
    // The reloaded extension's worker is up once its APIs answer.
    await expect
      .poll(
        async () =>
          (await stack.dealside.worker()).evaluate(() => typeof chrome.tabs?.query).catch(() => null),
        {
          timeout: 20_000,
        },
      )
      .toBe('function');
    // A new panel after the reload; the write waits for its retry, or the rep's "Retry now".
    const inbox = 'gmail/gmail-inbox-no-thread.html';
    const { tabId } = await stack.open(fixtureUrl(inbox), fixtureHtml(inbox));
    const fresh = await openPanelFor(stack, tabId);
    await expect
      .poll(
        async () => {
          const retry = fresh.getByRole('button', { name: 'Retry now' });
          if ((await retry.count()) > 0)
            await retry
              .first()
              .click()
              .catch(() => undefined);
          return emailsWith(subject).length;
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(emailsWith(subject)).toHaveLength(1);
    await page.close();
  });
});
