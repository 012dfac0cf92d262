/** CRM text reaches the brief as written: only rich-text bodies are HTML. */
import { describe, expect, it } from 'vitest';
import { toActivity } from '@/lib/crm/hubspot/map/activities';
import type { HsObject } from '@/lib/crm/hubspot/schemas';

const record = (props: Record<string, string>): HsObject => ({
  id: '1',
  props,
  history: {},
  associations: {},
  associationsTruncated: false,
});

describe('HubSpot activity summaries', () => {
  it('keeps <…> in a subject or title: they are plain text, not markup', () => {
    expect(
      toActivity('emails', record({ hs_email_subject: 'Re: <Acme> pricing <draft>' })).summary.summary,
    ).toBe('Re: <Acme> pricing <draft>');
    expect(toActivity('calls', record({ hs_call_title: 'Call about <SKU-42>' })).summary.summary).toBe(
      'Call about <SKU-42>',
    );
  });

  it('reads a note body (rich text) as text', () => {
    expect(
      toActivity('notes', record({ hs_note_body: '<p>Met <b>Jane</b> &amp; Bob</p>' })).summary.summary,
    ).toBe('Met Jane & Bob');
  });
});
