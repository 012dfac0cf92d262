/**
 * matchData: everything the matcher needs for the people on a thread, in ONE composite call
 * (plus the stage list and describe facts when they are not cached, in the same call):
 *
 *   contacts   Contacts by email (with their Account)
 *   leads      unconverted Leads by email
 *   byRole     open Opportunities where one of those contacts has a contact role
 *   byAccount  other open Opportunities on those contacts' accounts or on accounts whose
 *              Website is one of the thread's company domains
 *
 * SOQL forbids combining a semi-join with OR, hence two opportunity queries; the account
 * routes share one semi-join on Contact (an account matched by domain alone is found through
 * any of its contacts; accounts with no contacts at all are not). That is 4 queries + the
 * stage query = 5, the composite maximum. Each opportunity row carries its contact roles,
 * stage history and recent activities, so every candidate's context comes with it.
 */
import type { CrmError } from '../../../http/errors';
import type {
  CrmAccount,
  CrmPerson,
  MatchData,
  Opportunity,
  OpportunityContext,
} from '../../../domain/types';
import type { SalesforceClient } from '../client';
import { queryUrl, subResult, type SubResult, type Subrequest } from '../client/composite';
import { toContext, toOpportunity } from '../map/context';
import { metadataSubrequests, readMetadata, type MetadataStore, type OrgMetadata } from './metadata';
import { failedOnEmails, opportunitySelect, selectShape, type SelectShape } from './opportunity-soql';
import { ContactRow, LeadRow, OpportunityRow, parseEach } from '../schemas';
import { IN_CHUNK, inList, normalizeDomains, normalizeEmails, websiteMatches } from '../client/soql';
import { domainFromWebsite } from '../map/values';

const MAX_DOMAINS = 10;
const MAX_ROWS = 200;
const MAX_OPPORTUNITIES = 50;

export interface MatchDeps {
  client: SalesforceClient;
  metadata: MetadataStore;
  now(): Date;
}

interface Lookup {
  emails: string[];
  domains: string[];
}

const WHAT: Record<string, string> = {
  contacts: 'contacts',
  leads: 'leads',
  byRole: 'deals through contact roles',
  byAccount: "deals on the people's accounts",
};

/** People by email: Contacts (with their Account) and unconverted Leads. */
function peopleSubrequests(dataPath: string, emails: string[]): Subrequest[] {
  if (emails.length === 0) return [];
  const list = inList(emails);
  const q = (referenceId: string, soql: string): Subrequest => ({
    method: 'GET',
    url: queryUrl(dataPath, soql),
    referenceId,
  });
  return [
    q(
      'contacts',
      `SELECT Id, Name, FirstName, LastName, Email, AccountId, Account.Name, Account.Website FROM Contact WHERE Email IN ${list} LIMIT ${MAX_ROWS}`,
    ),
    q(
      'leads',
      `SELECT Id, Name, FirstName, LastName, Email, Company FROM Lead WHERE IsConverted = false AND Email IN ${list} LIMIT ${MAX_ROWS}`,
    ),
  ];
}

function opportunitySubrequests(dataPath: string, lookup: Lookup, shape: SelectShape): Subrequest[] {
  const { emails, domains } = lookup;
  const select = opportunitySelect(shape);
  const tail = `ORDER BY CloseDate ASC LIMIT ${MAX_OPPORTUNITIES}`;
  const subs: Subrequest[] = [];
  const viaRoles = `(SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.Email IN ${inList(emails)})`;
  if (emails.length > 0) {
    const soql = `${select} WHERE IsClosed = false AND Id IN ${viaRoles} ${tail}`;
    subs.push({ method: 'GET', url: queryUrl(dataPath, soql), referenceId: 'byRole' });
  }
  const routes = [
    ...(emails.length > 0 ? [`Email IN ${inList(emails)}`] : []),
    ...(domains.length > 0 ? [websiteMatches('Account.Website', domains)] : []),
  ];
  // Deals already found through a contact role are left out (an anti-join; SOQL allows two
  // semi/anti-joins per WHERE), so their activities are not sent twice.
  const notByRole = emails.length > 0 ? ` AND Id NOT IN ${viaRoles}` : '';
  const soql = `${select} WHERE IsClosed = false AND AccountId IN (SELECT AccountId FROM Contact WHERE ${routes.join(' OR ')})${notByRole} ${tail}`;
  subs.push({ method: 'GET', url: queryUrl(dataPath, soql), referenceId: 'byAccount' });
  return subs;
}

function rowsOf(body: unknown): unknown[] {
  const records = (body as { records?: unknown } | null)?.records;
  return Array.isArray(records) ? records : [];
}

function personName(
  row: { Name: string | null; FirstName: string | null; LastName: string | null },
  email: string,
) {
  return row.Name ?? ([row.FirstName, row.LastName].filter(Boolean).join(' ') || email);
}

export async function readMatchData(
  deps: MatchDeps,
  input: { emails: string[]; domains: string[] },
): Promise<MatchData> {
  const notes: string[] = [];
  const allEmails = normalizeEmails(input.emails);
  // One composite allows 5 queries, so one IN list: threads with more people than this are
  // bulk mail, which Dealside never logs anyway.
  const lookup: Lookup = {
    emails: allEmails.slice(0, IN_CHUNK),
    domains: normalizeDomains(input.domains).slice(0, MAX_DOMAINS),
  };
  if (allEmails.length > IN_CHUNK)
    notes.push(`Only the first ${IN_CHUNK} of ${allEmails.length} addresses were looked up in Salesforce.`);
  if (lookup.emails.length === 0 && lookup.domains.length === 0)
    return { people: [], accounts: [], opportunities: [], contexts: [], notes };

  const { client } = deps;
  let metadata: OrgMetadata | null = await deps.metadata.get();
  const coldMetadata = !metadata?.stages || !metadata.facts;
  let shape = selectShape(metadata?.facts ?? null);
  const subrequests = [
    ...(coldMetadata ? metadataSubrequests(client.dataPath) : []),
    ...peopleSubrequests(client.dataPath, lookup.emails),
    ...opportunitySubrequests(client.dataPath, lookup, shape),
  ];
  const results = await client.composite(subrequests, { importance: 'essential' });

  if (coldMetadata) {
    const read = readMetadata(results);
    metadata = {
      stages: read.metadata.stages ?? metadata?.stages ?? null,
      facts: read.metadata.facts ?? metadata?.facts ?? null,
    };
    notes.push(...read.notes);
    await deps.metadata.save(metadata);
    const oppsFailed = ['byRole', 'byAccount'].some((ref) => results.has(ref) && !subResult(results, ref).ok);
    if (oppsFailed && failedOnEmails(shape, metadata.facts)) {
      // The org has no Enhanced Email: ask again without the `Emails` subquery (once; the
      // describe facts are cached now, so later calls get it right the first time).
      shape = selectShape(metadata.facts);
      const retry = await client.composite(opportunitySubrequests(client.dataPath, lookup, shape), {
        importance: 'essential',
      });
      for (const [ref, result] of retry) results.set(ref, result);
    }
  }
  return assemble(results, metadata, shape, deps.now(), notes);
}

function assemble(
  results: Map<string, SubResult>,
  metadata: OrgMetadata | null,
  shape: SelectShape,
  now: Date,
  notes: string[],
): MatchData {
  const failures: CrmError[] = [];
  const body = (ref: string): unknown[] => {
    if (!results.has(ref)) return [];
    const result = subResult(results, ref);
    if (result.ok) return rowsOf(result.body);
    failures.push(result.error);
    notes.push(`Could not read ${WHAT[ref] ?? ref}: ${result.error.message}`);
    return [];
  };
  const contacts = parseEach(ContactRow, body('contacts'));
  const leads = parseEach(LeadRow, body('leads'));
  const opportunityRows = [body('byRole'), body('byAccount')].map((rows) => parseEach(OpportunityRow, rows));
  const asked = ['contacts', 'leads', 'byRole', 'byAccount'].filter((ref) => results.has(ref));
  if (failures.length > 0 && failures.length === asked.length) throw failures[0];
  const dropped = contacts.dropped + leads.dropped + opportunityRows.reduce((n, r) => n + r.dropped, 0);
  if (dropped > 0)
    notes.push(
      dropped === 1
        ? '1 Salesforce record could not be read and was left out.'
        : `${dropped} Salesforce records could not be read and were left out.`,
    );

  const accounts = new Map<string, CrmAccount>();
  const addAccount = (id: string | null, account: { Name: string | null; Website: string | null } | null) => {
    if (!id || !account || accounts.has(id)) return;
    accounts.set(id, {
      id,
      name: account.Name ?? 'Unnamed account',
      domain: domainFromWebsite(account.Website),
    });
  };
  const people: CrmPerson[] = [];
  for (const c of contacts.rows) {
    if (!c.Email) continue;
    const email = c.Email.toLowerCase();
    people.push({
      id: c.Id,
      kind: 'contact',
      email,
      name: personName(c, email),
      accountId: c.AccountId ?? null,
    });
    addAccount(c.AccountId, c.Account);
  }
  for (const l of leads.rows) {
    if (!l.Email) continue;
    const email = l.Email.toLowerCase();
    people.push({ id: l.Id, kind: 'lead', email, name: personName(l, email), accountId: null });
  }

  const opportunities: Opportunity[] = [];
  const contexts: OpportunityContext[] = [];
  const seen = new Set<string>();
  for (const row of opportunityRows.flatMap((r) => r.rows)) {
    if (seen.has(row.Id)) continue;
    seen.add(row.Id);
    const opportunity = toOpportunity(row, metadata);
    // Never offer a closed deal, even if a stage was closed after the query filtered it.
    if (opportunity.isClosed || opportunity.stage.isClosed) continue;
    opportunities.push(opportunity);
    contexts.push(toContext(row, metadata, shape, now));
    addAccount(row.AccountId, row.Account);
  }
  return { people, accounts: [...accounts.values()], opportunities, contexts, notes: [...new Set(notes)] };
}
