/**
 * Everything the matcher needs for one thread or meeting, and the brief of the deal it will most
 * likely pick, in three sequential round trips:
 *   1. contacts by email (batch read; misses are normal) [+ pipelines when not cached]
 *   2. contacts→deals and companies→deals associations, the contacts' companies, and — only for
 *      domains where no contact matched — a companies search by domain
 *   3. the deals (batch read, with stage history), the likely deals' contacts (one v4
 *      association read for all of them), and when one deal is the likely one, its activities
 *      with the contacts of each (one engagements list) [+ open deals of companies found by
 *      domain, one search each]
 * With pipelines and owners cached and every domain covered by a known contact that is 7 calls.
 * When the brief needs one more read — two deals level on the thread's contacts (often one is a
 * closed earlier deal, which only the deal read tells), or deal contacts not on the thread — the
 * open likely deals get a brief seed instead (brief-seed.ts): the deal shows after round trip 3
 * and its brief costs one more call, made with the Log button's check, for the open deal only.
 */
import type {
  CrmAccount,
  CrmPerson,
  MatchData,
  Opportunity,
  OpportunityContext,
} from '../../../domain/types';
import type { HubSpotClient } from '../client';
import { DEAL_PROPERTIES, toOpportunity, UNKNOWN_STAGE_NOTE } from '../map/deals';
import { Notes, orNote, SKIPPED_RECORDS_NOTE } from '../map/notes';
import { loadStages, type Pipelines, type StageIndex } from './pipelines';
import { newestIds, readAssociations, readObjects, type AssociationRead, type ObjectRead } from './objects';
import { unique } from '../../unique';
import { text, type HsObject } from '../schemas';
import { COMPANY_PROPERTIES, searchCompanies, searchOpenDealsOfCompany } from './company-search';
import type { BriefSeed } from './brief-seed';
import { briefOf, MAX_CONTACTS, readActivities, type ContextDeps } from './context';
import type { EngagementRead } from './engagements';
import { stageEnteredProperties } from '../map/stage-age';

const CONTACT_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'hs_additional_emails',
  'associatedcompanyid',
  'hubspot_owner_id',
];
/** One batch read of deals; accounts with a longer history keep their newest deals. */
const MAX_DEALS = 100;
/** Each company found only by domain costs one search (5 per second per portal). */
const MAX_SEARCHED_COMPANIES = 3;
/** HubSpot's primary company→deal association. */
const PRIMARY_COMPANY_TO_DEAL = 6;
/** Likely deals whose briefs the match pass prepares. */
const MAX_BRIEFS = 2;

export interface MatchContext extends ContextDeps {
  client: HubSpotClient;
  pipelines: Pipelines;
  /** A brief read earlier for this deal (shared by every thread on it), or null. */
  cachedContext(dealId: string): Promise<OpportunityContext | null>;
  /** Keeps what was read for a deal whose brief needs one more read (see brief-seed.ts). */
  rememberSeed(seed: BriefSeed): Promise<void>;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

function personName(contact: HsObject, email: string): string {
  const name = [text(contact.props, 'firstname'), text(contact.props, 'lastname')].filter(Boolean).join(' ');
  return name || email;
}

function addressesOf(contact: HsObject): string[] {
  const extra = (text(contact.props, 'hs_additional_emails') ?? '').split(/[;,\s]+/);
  return [text(contact.props, 'email') ?? '', ...extra].map((e) => e.trim().toLowerCase()).filter(Boolean);
}

/** One person per participant address the contact matched (primary or additional email). */
function toPeople(contacts: HsObject[], wanted: Set<string>): CrmPerson[] {
  return contacts.flatMap((contact) => {
    const addresses = addressesOf(contact);
    const matched = addresses.filter((address) => wanted.has(address));
    return (matched.length ? matched : addresses.slice(0, 1)).map((email) => ({
      id: contact.id,
      kind: 'contact' as const,
      email,
      name: personName(contact, email),
      accountId: text(contact.props, 'associatedcompanyid'),
    }));
  });
}

function toAccount(company: HsObject): CrmAccount {
  return {
    id: company.id,
    name: text(company.props, 'name') ?? text(company.props, 'domain') ?? `Company ${company.id}`,
    domain: text(company.props, 'domain')?.toLowerCase() ?? null,
  };
}

export interface Links {
  contactIds: Set<string>;
  accountId: string | null;
  primary: boolean;
}

export function linksFrom(contactDeals: AssociationRead, companyDeals: AssociationRead): Map<string, Links> {
  const links = new Map<string, Links>();
  const entry = (dealId: string) => {
    let found = links.get(dealId);
    if (!found) {
      found = { contactIds: new Set(), accountId: null, primary: false };
      links.set(dealId, found);
    }
    return found;
  };
  for (const [contactId, deals] of contactDeals.byFrom) {
    for (const deal of deals) entry(deal.id).contactIds.add(contactId);
  }
  for (const [companyId, deals] of companyDeals.byFrom) {
    for (const deal of deals) {
      const link = entry(deal.id);
      const primary = deal.typeIds.includes(PRIMARY_COMPANY_TO_DEAL);
      if (link.accountId === null || (primary && !link.primary)) {
        link.accountId = companyId;
        link.primary = primary;
      }
    }
  }
  return links;
}

/**
 * The deals the matcher will most likely pick, whose briefs are read in the same pass: the one
 * most of the thread's contacts are on, and when two are level, both (one of them is often a
 * closed earlier deal, which only the deal read tells).
 */
function likelyDeals(links: Map<string, Links>): string[] {
  const linked = [...links].filter(([, link]) => link.contactIds.size > 0);
  const most = Math.max(0, ...linked.map(([, link]) => link.contactIds.size));
  const top = linked.filter(([, link]) => link.contactIds.size === most).map(([id]) => id);
  return newestIds(top, MAX_BRIEFS);
}

/** Contact-linked deals first (they decide the match), then the newest account deals. */
function dealsToRead(links: Map<string, Links>): { ids: string[]; capped: boolean } {
  const byContact = [...links].filter(([, link]) => link.contactIds.size > 0).map(([id]) => id);
  const byAccount = [...links].filter(([, link]) => link.contactIds.size === 0).map(([id]) => id);
  const ids = [...newestIds(byContact, MAX_DEALS)];
  ids.push(...newestIds(byAccount, MAX_DEALS - ids.length));
  return { ids, capped: links.size > ids.length };
}

function openOpportunities(
  deals: HsObject[],
  stages: StageIndex,
  linkOf: (dealId: string) => { accountId: string | null; contactIds: string[] },
  notes: Notes,
): Opportunity[] {
  const out: Opportunity[] = [];
  const seen = new Set<string>();
  for (const deal of deals) {
    if (seen.has(deal.id)) continue;
    seen.add(deal.id);
    const { opportunity, stageKnown } = toOpportunity(deal, stages, linkOf(deal.id));
    if (!stageKnown && stages.pipelines !== null) notes.add(UNKNOWN_STAGE_NOTE);
    if (!opportunity.isClosed) out.push(opportunity);
  }
  return out;
}

export async function readMatchData(
  ctx: MatchContext,
  input: { emails: string[]; domains: string[] },
): Promise<MatchData> {
  const { client } = ctx;
  const notes = new Notes();
  const emails = unique(input.emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')));
  const domains = unique(input.domains.map((d) => d.trim().toLowerCase()).filter(Boolean));
  const wanted = new Set(emails);

  // Round trip 1.
  const [contactRead, stages] = await Promise.all([
    readObjects(client, 'contacts', emails, CONTACT_PROPERTIES, { idProperty: 'email' }),
    loadStages(ctx.pipelines, notes),
  ]);
  const contacts = contactRead.objects;
  const people = toPeople(contacts, wanted);
  const covered = new Set(people.map((person) => domainOf(person.email)));
  const uncovered = domains.filter((domain) => !covered.has(domain));
  const contactCompanyIds = unique(contacts.flatMap((c) => text(c.props, 'associatedcompanyid') ?? []));
  const contactIds = unique(contacts.map((c) => c.id));

  // Round trip 2.
  const empty: ObjectRead = { objects: [], dropped: 0 };
  const [contactDeals, companyDeals, companyRead, searched] = await Promise.all([
    readAssociations(client, 'contacts', 'deals', contactIds),
    readAssociations(client, 'companies', 'deals', contactCompanyIds),
    orNote(
      readObjects(client, 'companies', contactCompanyIds, COMPANY_PROPERTIES),
      notes,
      'Company names could not be read',
      empty,
    ),
    uncovered.length
      ? orNote(searchCompanies(client, uncovered), notes, 'Companies could not be looked up by domain', empty)
      : Promise.resolve(empty),
  ]);
  const searchedIds = unique(searched.objects.map((c) => c.id)).filter(
    (id) => !contactCompanyIds.includes(id),
  );
  if (searchedIds.length > MAX_SEARCHED_COMPANIES) {
    notes.add('Several companies matched these domains; only the first few were checked for open deals.');
  }
  const links = linksFrom(contactDeals, companyDeals);
  const toRead = dealsToRead(links);
  if (toRead.capped) notes.add('Only the newest deals of these accounts were checked.');
  if (contactDeals.truncated || companyDeals.truncated) {
    notes.add('Some contacts or companies have more deals than Dealside reads at once.');
  }

  // Round trip 3, with the likely deals' activities and contacts unless their briefs are cached.
  const likely = likelyDeals(links);
  const cachedBriefs = new Map<string, OpportunityContext>();
  for (const id of likely) {
    const brief = await ctx.cachedContext(id);
    if (brief) cachedBriefs.set(id, brief);
  }
  const toFetch = likely.filter((id) => !cachedBriefs.has(id));
  // Activities are read ahead only for a deal that is the one likely pick: with two level, the
  // other is often closed, and reading both would spend a call on a brief nobody sees.
  const single = toFetch.length === 1 ? toFetch[0] : undefined;
  const briefNotes = new Notes();
  // The brief is a bonus: when it cannot be read here, the panel asks for it on its own.
  const prefetch: Promise<{
    engagements: EngagementRead | null;
    dealContacts: AssociationRead;
  } | null> | null = toFetch.length
    ? Promise.all([
        single ? readActivities(client, single, briefNotes) : Promise.resolve(null),
        readAssociations(client, 'deals', 'contacts', toFetch),
      ])
        .then(([engagements, dealContacts]) => ({ engagements, dealContacts }))
        .catch(() => null)
    : null;
  const [dealRead, ...searchedDeals] = await Promise.all([
    readObjects(
      client,
      'deals',
      toRead.ids,
      [...DEAL_PROPERTIES, ...stageEnteredProperties(stages.pipelines)],
      {
        propertiesWithHistory: ['dealstage'],
      },
    ),
    ...searchedIds.slice(0, MAX_SEARCHED_COMPANIES).map((companyId) =>
      orNote(
        searchOpenDealsOfCompany(client, companyId).then((read) => ({ companyId, read })),
        notes,
        'Open deals of a company could not be searched',
        { companyId, read: empty },
      ),
    ),
  ]);
  const searchedAccount = new Map<string, string>();
  for (const { companyId, read } of searchedDeals) {
    for (const deal of read.objects)
      if (!searchedAccount.has(deal.id)) searchedAccount.set(deal.id, companyId);
  }
  const linkOf = (dealId: string) => {
    const link = links.get(dealId);
    return {
      accountId: link?.accountId ?? searchedAccount.get(dealId) ?? null,
      contactIds: [...(link?.contactIds ?? [])],
    };
  };
  const opportunities = openOpportunities(
    [...dealRead.objects, ...searchedDeals.flatMap(({ read }) => read.objects)],
    stages,
    linkOf,
    notes,
  );

  const accounts = new Map<string, CrmAccount>();
  for (const company of [...companyRead.objects, ...searched.objects])
    accounts.set(company.id, toAccount(company));
  const dropped =
    contactRead.dropped +
    companyRead.dropped +
    searched.dropped +
    dealRead.dropped +
    contactDeals.dropped +
    companyDeals.dropped +
    searchedDeals.reduce((sum, { read }) => sum + read.dropped, 0);
  if (dropped > 0) notes.add(SKIPPED_RECORDS_NOTE);

  const contexts: OpportunityContext[] = [];
  const chosen = opportunities.find((o) => likely.includes(o.id)) ?? null;
  const cachedBrief = chosen ? cachedBriefs.get(chosen.id) : undefined;
  if (cachedBrief) contexts.push(cachedBrief);
  const prefetched = await prefetch;
  const knownCompanies = [...companyRead.objects, ...searched.objects];
  for (const opportunity of opportunities) {
    if (!prefetched || !toFetch.includes(opportunity.id)) continue;
    const deal = dealRead.objects.find((d) => d.id === opportunity.id);
    if (!deal) continue;
    const dealContactIds = (prefetched.dealContacts.byFrom.get(deal.id) ?? []).map((c) => c.id);
    const seed: BriefSeed = {
      deal,
      contactIds: dealContactIds,
      companyId: opportunity.accountId,
      contacts: contacts.filter((c) => dealContactIds.includes(c.id)),
      companies: knownCompanies.filter((c) => c.id === opportunity.accountId),
      // A failed read (noted) is tried again with the brief rather than kept as no activity.
      engagements: single === deal.id && briefNotes.list().length === 0 ? prefetched.engagements : null,
    };
    const complete =
      seed.engagements !== null &&
      newestIds(dealContactIds, MAX_CONTACTS).every((id) => seed.contacts.some((c) => c.id === id)) &&
      (seed.companyId === null || seed.companies.length > 0);
    if (!complete) {
      await ctx.rememberSeed(seed).catch(() => undefined);
      continue;
    }
    const brief = await briefOf(ctx, {
      deal,
      stages,
      contactIds: dealContactIds,
      companyId: seed.companyId,
      engagements: seed.engagements!,
      knownContacts: seed.contacts,
      knownCompanies: seed.companies,
      notes: briefNotes,
    }).catch(() => null);
    if (brief) contexts.push(brief);
  }

  return { people, accounts: [...accounts.values()], opportunities, contexts, notes: notes.list() };
}
