/**
 * The neutral book of business, projected into both providers (seed/hubspot.ts,
 * seed/salesforce.ts) so demo pages and tests line up whichever CRM is selected. Keys (u1,
 * a1, c1, o1, …) match tests/fixtures/match; `store.bookIds` maps them to provider ids.
 * Times are relative to the seed's `now`: `daysAgo` at `hour`:`minute` UTC.
 */

export interface BookUser {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  /** Key of the user's manager (Salesforce `User.ManagerId`). */
  manager?: string;
  /** The sales team the user is in (HubSpot owner `teams`, as primary). */
  team?: string;
}

export interface BookAccount {
  key: string;
  name: string;
  domain: string;
  website: string;
  industry: string;
  city: string;
  owner: string;
  createdDaysAgo: number;
}

export interface BookContact {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  /** HubSpot `hs_additional_emails`. */
  extraEmails?: string[];
  account: string | null;
  title: string;
  phone: string;
  owner: string;
  createdDaysAgo: number;
  /** Salesforce Lead (HubSpot: a contact in lifecycle stage "lead" without company). */
  lead?: { company: string; status: string; convertedTo?: string };
}

export type StageKey =
  | 'appointment'
  | 'qualified'
  | 'presentation'
  | 'decision'
  | 'contract'
  | 'negotiation'
  | 'won'
  | 'lost'
  | 'renewal-upcoming'
  | 'renewal-negotiation';

export const RENEWALS_PIPELINE = '7654321';

/** One neutral stage → HubSpot pipeline/stage id and Salesforce StageName. */
export const STAGES: Record<StageKey, { hubspot: { pipeline: string; stage: string }; salesforce: string }> =
  {
    appointment: {
      hubspot: { pipeline: 'default', stage: 'appointmentscheduled' },
      salesforce: 'Prospecting',
    },
    qualified: { hubspot: { pipeline: 'default', stage: 'qualifiedtobuy' }, salesforce: 'Qualification' },
    presentation: {
      hubspot: { pipeline: 'default', stage: 'presentationscheduled' },
      salesforce: 'Value Proposition',
    },
    decision: {
      hubspot: { pipeline: 'default', stage: 'decisionmakerboughtin' },
      salesforce: 'Id. Decision Makers',
    },
    contract: { hubspot: { pipeline: 'default', stage: 'contractsent' }, salesforce: 'Proposal/Price Quote' },
    negotiation: {
      hubspot: { pipeline: 'default', stage: 'contractsent' },
      salesforce: 'Negotiation/Review',
    },
    won: { hubspot: { pipeline: 'default', stage: 'closedwon' }, salesforce: 'Closed Won' },
    lost: { hubspot: { pipeline: 'default', stage: 'closedlost' }, salesforce: 'Closed Lost' },
    'renewal-upcoming': {
      hubspot: { pipeline: RENEWALS_PIPELINE, stage: '7654322' },
      salesforce: 'Needs Analysis',
    },
    'renewal-negotiation': {
      hubspot: { pipeline: RENEWALS_PIPELINE, stage: '7654323' },
      salesforce: 'Negotiation/Review',
    },
  };

export interface BookDeal {
  key: string;
  name: string;
  account: string;
  owner: string;
  amount: number;
  currency: 'USD' | 'EUR';
  /** Days from now (negative: in the past). */
  closeInDays: number;
  /** Chronological; the last entry is the current stage. */
  stages: Array<{ stage: StageKey; daysAgo: number }>;
  contacts: Array<{ key: string; role: string; primary: boolean }>;
  nextStep: string | null;
  reason: string | null;
  type: 'newbusiness' | 'existingbusiness';
}

export type DispositionKey =
  'connected' | 'voicemail' | 'live-message' | 'no-answer' | 'busy' | 'wrong-number' | 'gatekeeper';

export const GATEKEEPER_DISPOSITION_ID = '3c6f2a51-9d4e-4b8a-a1f7-6e2d9c0b5a43';

export const DISPOSITIONS: Record<DispositionKey, { hubspot: string; label: string; callStatus: string }> = {
  busy: { hubspot: '9d9162e7-6cf3-4944-bf63-4dff82258764', label: 'Busy', callStatus: 'BUSY' },
  connected: { hubspot: 'f240bbac-87c9-4f6e-bf70-924b57d47db7', label: 'Connected', callStatus: 'COMPLETED' },
  'live-message': {
    hubspot: 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff',
    label: 'Left live message',
    callStatus: 'COMPLETED',
  },
  voicemail: {
    hubspot: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
    label: 'Left voicemail',
    callStatus: 'COMPLETED',
  },
  'no-answer': {
    hubspot: '73a0d17f-1163-4015-bdd5-ec830791da20',
    label: 'No answer',
    callStatus: 'NO_ANSWER',
  },
  'wrong-number': {
    hubspot: '17b47fee-58de-441e-a44c-c6300d46f273',
    label: 'Wrong number',
    callStatus: 'COMPLETED',
  },
  gatekeeper: { hubspot: GATEKEEPER_DISPOSITION_ID, label: 'Gatekeeper', callStatus: 'COMPLETED' },
};

interface ActivityBase {
  key: string;
  daysAgo: number;
  hour: number;
  minute?: number;
  owner: string;
  deal: string | null;
  contacts: string[];
  /** Defaults to the deal's account, else the first contact's. */
  account?: string;
}

export type BookActivity =
  | (ActivityBase & { kind: 'email'; direction: 'in' | 'out'; subject: string; body: string })
  | (ActivityBase & {
      kind: 'call';
      disposition: DispositionKey;
      durationMin: number;
      title: string;
      notes: string;
    })
  | (ActivityBase & { kind: 'meeting'; title: string; body: string; durationMin: number })
  | (ActivityBase & { kind: 'note'; body: string })
  | (ActivityBase & {
      kind: 'task';
      subject: string;
      body: string;
      /** Due date, days from now (negative: overdue / in the past). */
      dueInDays: number;
      status: 'open' | 'done';
      priority: 'HIGH' | 'MEDIUM' | 'LOW';
    });

export interface Book {
  users: BookUser[];
  accounts: BookAccount[];
  contacts: BookContact[];
  deals: BookDeal[];
  activities: BookActivity[];
}

export const BOOK_USERS: BookUser[] = [
  {
    key: 'u1',
    firstName: 'Sam',
    lastName: 'Rep',
    email: 'sam@ourco.com',
    title: 'Account Executive',
    team: 'West Coast Sales',
  },
  {
    key: 'u2',
    firstName: 'Lea',
    lastName: 'Lead',
    email: 'lea@ourco.com',
    title: 'Senior Account Executive',
    // Sam leads the team in the seeded hierarchy, so signed in as Sam the reports cover both.
    manager: 'u1',
    team: 'West Coast Sales',
  },
];

const ACCOUNTS: BookAccount[] = [
  {
    key: 'a1',
    name: 'Acme',
    domain: 'acme.com',
    website: 'https://www.acme.com',
    industry: 'Manufacturing',
    city: 'Springfield',
    owner: 'u1',
    createdDaysAgo: 420,
  },
  {
    key: 'a2',
    name: 'Globex',
    domain: 'globex.com',
    website: 'https://globex.com',
    industry: 'Technology',
    city: 'Cypress Creek',
    owner: 'u1',
    createdDaysAgo: 90,
  },
  {
    key: 'a3',
    name: 'Initech',
    domain: 'initech.com',
    website: 'https://initech.com',
    industry: 'Technology',
    city: 'Austin',
    owner: 'u1',
    createdDaysAgo: 95,
  },
  {
    key: 'a4',
    name: 'Hooli',
    domain: 'hooli.com',
    website: 'https://hooli.com',
    industry: 'Technology',
    city: 'Palo Alto',
    owner: 'u1',
    createdDaysAgo: 300,
  },
  {
    key: 'a5',
    name: 'Umbrella',
    domain: 'umbrella.io',
    website: 'https://umbrella.io',
    industry: 'Healthcare',
    city: 'Raccoon City',
    owner: 'u2',
    createdDaysAgo: 80,
  },
  {
    key: 'a6',
    name: 'Vandelay Industries',
    domain: 'vandelay.com',
    website: 'https://vandelay.com',
    industry: 'Retail',
    city: 'New York',
    owner: 'u2',
    createdDaysAgo: 20,
  },
];

const CONTACTS: BookContact[] = [
  {
    key: 'c1',
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane@acme.com',
    extraEmails: ['jane.doe@acme.com'],
    account: 'a1',
    title: 'VP Operations',
    phone: '+1 555 0101',
    owner: 'u1',
    createdDaysAgo: 410,
  },
  {
    key: 'c2',
    firstName: 'Bob',
    lastName: 'Buyer',
    email: 'bob@acme.com',
    account: 'a1',
    title: 'Head of Procurement',
    phone: '+1 555 0102',
    owner: 'u1',
    createdDaysAgo: 410,
  },
  {
    key: 'c3',
    firstName: 'Carl',
    lastName: 'Finance',
    email: 'carl.finance@acme.com',
    account: 'a1',
    title: 'CFO',
    phone: '+1 555 0103',
    owner: 'u2',
    createdDaysAgo: 400,
  },
  {
    key: 'c4',
    firstName: 'Gina',
    lastName: 'Globex',
    email: 'gina@globex.com',
    account: 'a2',
    title: 'Director of IT',
    phone: '+1 555 0201',
    owner: 'u1',
    createdDaysAgo: 80,
  },
  // A Globex contact known only by a personal address (matching must not drop known contacts).
  {
    key: 'c5',
    firstName: 'Pat',
    lastName: 'Founder',
    email: 'pat.founder@gmail.com',
    account: 'a2',
    title: 'Founder & Advisor',
    phone: '+1 555 0202',
    owner: 'u1',
    createdDaysAgo: 75,
  },
  {
    key: 'c6',
    firstName: 'Dave',
    lastName: 'Hooli',
    email: 'dave@hooli.com',
    account: 'a4',
    title: 'Platform Lead',
    phone: '+1 555 0401',
    owner: 'u1',
    createdDaysAgo: 290,
  },
  {
    key: 'c7',
    firstName: 'Ian',
    lastName: 'Initech',
    email: 'ian@initech.com',
    account: 'a3',
    title: 'IT Manager',
    phone: '+1 555 0301',
    owner: 'u1',
    createdDaysAgo: 90,
  },
  {
    key: 'c8',
    firstName: 'Peter',
    lastName: 'Gibbons',
    email: 'peter@initech.com',
    account: 'a3',
    title: 'Software Engineer',
    phone: '+1 555 0302',
    owner: 'u1',
    createdDaysAgo: 60,
  },
  {
    key: 'c9',
    firstName: 'Hank',
    lastName: 'Scorpio',
    email: 'hank@globex.com',
    account: 'a2',
    title: 'CEO',
    phone: '+1 555 0203',
    owner: 'u2',
    createdDaysAgo: 30,
  },
  {
    key: 'c10',
    firstName: 'Alice',
    lastName: 'Abernathy',
    email: 'alice@umbrella.io',
    account: 'a5',
    title: 'CISO',
    phone: '+1 555 0501',
    owner: 'u2',
    createdDaysAgo: 75,
  },
  {
    key: 'c11',
    firstName: 'Albert',
    lastName: 'Wesker',
    email: 'albert@umbrella.io',
    account: 'a5',
    title: 'Head of Security Operations',
    phone: '+1 555 0502',
    owner: 'u2',
    createdDaysAgo: 70,
  },
  {
    key: 'c12',
    firstName: 'Gavin',
    lastName: 'Belson',
    email: 'gavin@hooli.com',
    account: 'a4',
    title: 'CEO',
    phone: '+1 555 0402',
    owner: 'u1',
    createdDaysAgo: 280,
  },
  {
    key: 'c13',
    firstName: 'Monica',
    lastName: 'Hall',
    email: 'monica@hooli.com',
    account: 'a4',
    title: 'Procurement Manager',
    phone: '+1 555 0403',
    owner: 'u1',
    createdDaysAgo: 60,
  },
  {
    key: 'c14',
    firstName: 'Erin',
    lastName: 'Ops',
    email: 'erin.ops@acme.com',
    account: 'a1',
    title: 'IT Administrator',
    phone: '+1 555 0104',
    owner: 'u1',
    createdDaysAgo: 45,
  },
  {
    key: 'c15',
    firstName: 'Art',
    lastName: 'Vandelay',
    email: 'art@vandelay.com',
    account: 'a6',
    title: 'Importer/Exporter',
    phone: '+1 555 0601',
    owner: 'u2',
    createdDaysAgo: 20,
  },
  // Leads: two open, one already converted (into Jane) that adapters must ignore.
  {
    key: 'l1',
    firstName: 'Max',
    lastName: 'Power',
    email: 'max@powerplant.io',
    account: null,
    title: 'Operations Manager',
    phone: '+1 555 0701',
    owner: 'u1',
    createdDaysAgo: 12,
    lead: { company: 'Power Plant', status: 'Working - Contacted' },
  },
  {
    key: 'l2',
    firstName: 'Nina',
    lastName: 'Newlead',
    email: 'nina@soylent.co',
    account: null,
    title: 'Head of People',
    phone: '+1 555 0702',
    owner: 'u2',
    createdDaysAgo: 5,
    lead: { company: 'Soylent', status: 'Open - Not Contacted' },
  },
  {
    key: 'l3',
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane@acme.com',
    account: null,
    title: 'VP Operations',
    phone: '+1 555 0101',
    owner: 'u1',
    createdDaysAgo: 430,
    lead: { company: 'Acme', status: 'Closed - Converted', convertedTo: 'c1' },
  },
];

const DEALS: BookDeal[] = [
  {
    // The demo thread (jane → sam, cc bob, "Acme rollout: pricing for 250 seats") matches this one.
    key: 'o1',
    name: 'Acme — Platform',
    account: 'a1',
    owner: 'u1',
    amount: 120000,
    currency: 'USD',
    closeInDays: 24,
    stages: [
      { stage: 'appointment', daysAgo: 58 },
      { stage: 'qualified', daysAgo: 50 },
      { stage: 'presentation', daysAgo: 38 },
      { stage: 'decision', daysAgo: 24 },
      { stage: 'contract', daysAgo: 9 },
    ],
    contacts: [
      { key: 'c1', role: 'Decision Maker', primary: true },
      { key: 'c2', role: 'Economic Buyer', primary: false },
    ],
    nextStep: 'Send revised pricing for 250 seats',
    reason: 'economic-buyer-engaged',
    type: 'newbusiness',
  },
  {
    key: 'o2',
    name: 'Acme — Services add-on',
    account: 'a1',
    owner: 'u2',
    amount: 30000,
    currency: 'USD',
    closeInDays: 70,
    stages: [
      { stage: 'appointment', daysAgo: 30 },
      { stage: 'qualified', daysAgo: 16 },
    ],
    contacts: [{ key: 'c3', role: 'Economic Buyer', primary: true }],
    nextStep: 'Scope services workshop with Carl',
    reason: 'need-confirmed',
    type: 'existingbusiness',
  },
  {
    key: 'o3',
    name: 'Acme — 2025 renewal',
    account: 'a1',
    owner: 'u1',
    amount: 90000,
    currency: 'USD',
    closeInDays: -340,
    stages: [
      { stage: 'presentation', daysAgo: 400 },
      { stage: 'contract', daysAgo: 370 },
      { stage: 'won', daysAgo: 340 },
    ],
    contacts: [
      { key: 'c1', role: 'Decision Maker', primary: true },
      { key: 'c2', role: 'Economic Buyer', primary: false },
      { key: 'c3', role: 'Influencer', primary: false },
    ],
    nextStep: null,
    reason: 'commercials-agreed',
    type: 'existingbusiness',
  },
  {
    // Stuck: in "presentation" for 41 days (default expectation 14).
    key: 'o4',
    name: 'Globex — Pilot',
    account: 'a2',
    owner: 'u1',
    amount: 45000,
    currency: 'USD',
    closeInDays: 50,
    stages: [
      { stage: 'appointment', daysAgo: 75 },
      { stage: 'qualified', daysAgo: 62 },
      { stage: 'presentation', daysAgo: 41 },
    ],
    contacts: [
      { key: 'c4', role: 'Technical Buyer', primary: true },
      { key: 'c5', role: 'Executive Sponsor', primary: false },
    ],
    nextStep: 'Follow up on pilot metrics',
    reason: null,
    type: 'newbusiness',
  },
  {
    // Open with a close date already passed.
    key: 'o5',
    name: 'Initech — New logo',
    account: 'a3',
    owner: 'u1',
    amount: 60000,
    currency: 'USD',
    closeInDays: -6,
    stages: [
      { stage: 'appointment', daysAgo: 90 },
      { stage: 'qualified', daysAgo: 47 },
    ],
    contacts: [],
    nextStep: 'Confirm budget owner',
    reason: null,
    type: 'newbusiness',
  },
  {
    key: 'o6',
    name: 'Hooli — Expansion',
    account: 'a4',
    owner: 'u1',
    amount: 20000,
    currency: 'USD',
    closeInDays: -170,
    stages: [
      { stage: 'appointment', daysAgo: 240 },
      { stage: 'qualified', daysAgo: 220 },
      { stage: 'presentation', daysAgo: 200 },
      { stage: 'lost', daysAgo: 170 },
    ],
    contacts: [{ key: 'c6', role: 'Evaluator', primary: true }],
    nextStep: null,
    reason: 'lost-competitor',
    type: 'existingbusiness',
  },
  {
    key: 'o7',
    name: 'Umbrella — Security suite',
    account: 'a5',
    owner: 'u2',
    amount: 210000,
    currency: 'USD',
    closeInDays: 15,
    stages: [
      { stage: 'appointment', daysAgo: 70 },
      { stage: 'qualified', daysAgo: 60 },
      { stage: 'presentation', daysAgo: 45 },
      { stage: 'decision', daysAgo: 30 },
      { stage: 'contract', daysAgo: 20 },
      { stage: 'negotiation', daysAgo: 6 },
    ],
    contacts: [
      { key: 'c10', role: 'Decision Maker', primary: true },
      { key: 'c11', role: 'Technical Buyer', primary: false },
    ],
    nextStep: 'Send redlined MSA',
    reason: 'commercials-agreed',
    type: 'newbusiness',
  },
  {
    key: 'o8',
    name: 'Globex — Analytics',
    account: 'a2',
    owner: 'u2',
    amount: 38000,
    currency: 'USD',
    closeInDays: 95,
    stages: [{ stage: 'appointment', daysAgo: 12 }],
    contacts: [{ key: 'c9', role: 'Executive Sponsor', primary: true }],
    nextStep: 'Book discovery call with Hank',
    reason: null,
    type: 'newbusiness',
  },
  {
    key: 'o9',
    name: 'Hooli — Renewal 2027',
    account: 'a4',
    owner: 'u1',
    amount: 75000,
    currency: 'USD',
    closeInDays: 40,
    stages: [
      { stage: 'renewal-upcoming', daysAgo: 33 },
      { stage: 'renewal-negotiation', daysAgo: 11 },
    ],
    contacts: [
      { key: 'c12', role: 'Executive Sponsor', primary: false },
      { key: 'c13', role: 'Economic Buyer', primary: true },
    ],
    nextStep: 'Split quote across two cost centres',
    reason: 'champion-identified',
    type: 'existingbusiness',
  },
  {
    key: 'o10',
    name: 'Umbrella — Training',
    account: 'a5',
    owner: 'u1',
    amount: 12000,
    currency: 'USD',
    closeInDays: -12,
    stages: [
      { stage: 'appointment', daysAgo: 40 },
      { stage: 'contract', daysAgo: 25 },
      { stage: 'won', daysAgo: 12 },
    ],
    contacts: [{ key: 'c10', role: 'Business User', primary: true }],
    nextStep: null,
    reason: 'commercials-agreed',
    type: 'existingbusiness',
  },
];

const ACTIVITIES: BookActivity[] = [
  // Acme — Platform (o1, Sam): the richest timeline, for the demo thread and meeting.
  {
    key: 'x1',
    kind: 'email',
    direction: 'out',
    daysAgo: 56,
    hour: 9,
    minute: 10,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1'],
    subject: 'Intro: Dealside platform for Acme',
    body: 'Hi Jane, great to meet you at the ops summit. Sharing a short overview of the platform and how teams your size roll it out.',
  },
  {
    key: 'x2',
    kind: 'email',
    direction: 'in',
    daysAgo: 55,
    hour: 14,
    minute: 22,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1'],
    subject: 'Re: Intro: Dealside platform for Acme',
    body: 'Thanks Sam, this is timely. Can we set up a call with Bob from procurement next week?',
  },
  {
    key: 'x3',
    kind: 'meeting',
    daysAgo: 50,
    hour: 15,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1', 'c2'],
    title: 'Acme — discovery call',
    body: 'Discovery with Jane and Bob.',
    durationMin: 30,
  },
  {
    key: 'x4',
    kind: 'note',
    daysAgo: 50,
    hour: 16,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1', 'c2'],
    body: 'Discovery notes: ~250 seats across three plants, SSO required, budget approved for Q4, Bob runs a formal procurement process.',
  },
  {
    key: 'x5',
    kind: 'call',
    daysAgo: 44,
    hour: 10,
    minute: 30,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c2'],
    disposition: 'connected',
    durationMin: 12,
    title: 'Procurement process walk-through',
    notes: 'Bob walked through vendor onboarding: security review, then legal, then PO.',
  },
  {
    key: 'x6',
    kind: 'meeting',
    daysAgo: 38,
    hour: 16,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1', 'c2', 'c14'],
    title: 'Acme — platform demo',
    body: 'Demo for Jane, Bob and Erin (IT).',
    durationMin: 45,
  },
  {
    key: 'x7',
    kind: 'email',
    direction: 'out',
    daysAgo: 38,
    hour: 18,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1', 'c2'],
    subject: 'Acme — demo recap and next steps',
    body: 'Thanks for the time today. Recap, recording and the security questionnaire are attached.',
  },
  {
    key: 'x8',
    kind: 'task',
    daysAgo: 30,
    hour: 9,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c14'],
    subject: 'Send security questionnaire answers to Erin',
    body: 'Unblocks the security review, the first step of Acme procurement.',
    dueInDays: -28,
    status: 'done',
    priority: 'HIGH',
  },
  {
    key: 'x9',
    kind: 'call',
    daysAgo: 24,
    hour: 13,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1'],
    disposition: 'voicemail',
    durationMin: 1,
    title: 'Check in after security review',
    notes: 'Left a voicemail asking for a slot with the buying committee.',
  },
  {
    key: 'x10',
    kind: 'email',
    direction: 'in',
    daysAgo: 23,
    hour: 8,
    minute: 45,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c14'],
    subject: 'Security questionnaire completed',
    body: 'Hi Sam, our security review is complete with no blockers. Over to procurement.',
  },
  {
    key: 'x11',
    kind: 'meeting',
    daysAgo: 9,
    hour: 15,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1', 'c2'],
    title: 'Acme — proposal walkthrough',
    body: 'Walked Jane and Bob through the proposal.',
    durationMin: 60,
  },
  {
    key: 'x12',
    kind: 'email',
    direction: 'out',
    daysAgo: 9,
    hour: 18,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1', 'c2'],
    subject: 'Acme proposal — platform',
    body: 'Jane, Bob: attached is the proposal we walked through today.',
  },
  {
    key: 'x13',
    kind: 'note',
    daysAgo: 9,
    hour: 18,
    minute: 30,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1'],
    body: 'Proposal sent: 250 seats at $480/seat/year, 2-year term. Bob wants a multi-year discount option.',
  },
  {
    key: 'x14',
    kind: 'call',
    daysAgo: 5,
    hour: 10,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c2'],
    disposition: 'connected',
    durationMin: 18,
    title: 'Pricing questions on multi-year',
    notes: 'Bob asked for 3-year pricing and a ramp for the third plant.',
  },
  {
    key: 'x15',
    kind: 'call',
    daysAgo: 3,
    hour: 16,
    minute: 30,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1'],
    disposition: 'no-answer',
    durationMin: 0,
    title: 'Follow-up on proposal',
    notes: '',
  },
  {
    key: 'x16',
    kind: 'email',
    direction: 'in',
    daysAgo: 2,
    hour: 13,
    minute: 19,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1'],
    subject: 'Re: Acme proposal — platform',
    body: 'Sam, we are aligned on scope. Bob will send procurement questions on pricing; can you hold the Q4 price?',
  },
  {
    key: 'x17',
    kind: 'email',
    direction: 'out',
    daysAgo: 1,
    hour: 9,
    minute: 5,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1', 'c2'],
    subject: 'Re: Acme proposal — platform',
    body: 'Happy to hold Q4 pricing through the end of the month. Revised numbers coming shortly.',
  },
  {
    key: 'x18',
    kind: 'task',
    daysAgo: 1,
    hour: 9,
    minute: 30,
    owner: 'u1',
    deal: 'o1',
    contacts: ['c1', 'c2'],
    subject: 'Send revised pricing for 250 seats',
    body: 'Unblocks procurement sign-off: 3-year option with a ramp for the third plant.',
    dueInDays: 2,
    status: 'open',
    priority: 'HIGH',
  },

  // Acme — Services add-on (o2, Lea)
  {
    key: 'x19',
    kind: 'email',
    direction: 'out',
    daysAgo: 29,
    hour: 10,
    owner: 'u2',
    deal: 'o2',
    contacts: ['c3'],
    subject: 'Services add-on: implementation options',
    body: 'Carl, as discussed, three implementation packages for the rollout.',
  },
  {
    key: 'x20',
    kind: 'call',
    daysAgo: 22,
    hour: 14,
    owner: 'u2',
    deal: 'o2',
    contacts: ['c3'],
    disposition: 'gatekeeper',
    durationMin: 2,
    title: 'Reach Carl on services budget',
    notes: "Carl's assistant asked to email instead.",
  },
  {
    key: 'x21',
    kind: 'email',
    direction: 'in',
    daysAgo: 20,
    hour: 9,
    minute: 30,
    owner: 'u2',
    deal: 'o2',
    contacts: ['c3'],
    subject: 'Re: Services add-on: implementation options',
    body: 'Lea, option B looks right. Budget sits with me for this one.',
  },
  {
    key: 'x22',
    kind: 'meeting',
    daysAgo: 16,
    hour: 15,
    owner: 'u2',
    deal: 'o2',
    contacts: ['c3'],
    title: 'Acme — services scoping',
    body: 'Scoping call with Carl.',
    durationMin: 30,
  },
  {
    key: 'x23',
    kind: 'task',
    daysAgo: 16,
    hour: 16,
    owner: 'u2',
    deal: 'o2',
    contacts: ['c3'],
    subject: 'Scope services workshop with Carl',
    body: 'Unblocks the services SOW.',
    dueInDays: 5,
    status: 'open',
    priority: 'MEDIUM',
  },

  // Globex — Pilot (o4, Sam): stuck in stage, overdue next step.
  {
    key: 'x24',
    kind: 'email',
    direction: 'out',
    daysAgo: 48,
    hour: 11,
    owner: 'u1',
    deal: 'o4',
    contacts: ['c4'],
    subject: 'Globex pilot proposal',
    body: 'Gina, here is the pilot scope for the analytics team.',
  },
  {
    key: 'x25',
    kind: 'meeting',
    daysAgo: 41,
    hour: 17,
    owner: 'u1',
    deal: 'o4',
    contacts: ['c4', 'c5'],
    title: 'Globex — pilot kickoff',
    body: 'Kickoff with Gina and Pat.',
    durationMin: 45,
  },
  {
    key: 'x26',
    kind: 'email',
    direction: 'in',
    daysAgo: 33,
    hour: 7,
    minute: 50,
    owner: 'u1',
    deal: 'o4',
    contacts: ['c5'],
    subject: 'Re: Globex pilot proposal',
    body: 'Sam, looping in from my personal address. Pilot looks good; success criteria by the 15th please.',
  },
  {
    key: 'x27',
    kind: 'call',
    daysAgo: 26,
    hour: 15,
    owner: 'u1',
    deal: 'o4',
    contacts: ['c4'],
    disposition: 'connected',
    durationMin: 22,
    title: 'Pilot success criteria',
    notes: 'Agreed three success metrics with Gina.',
  },
  {
    key: 'x28',
    kind: 'note',
    daysAgo: 26,
    hour: 16,
    owner: 'u1',
    deal: 'o4',
    contacts: ['c4'],
    body: 'Pilot success criteria agreed: adoption > 60%, report time halved, SSO live.',
  },
  {
    key: 'x29',
    kind: 'email',
    direction: 'out',
    daysAgo: 18,
    hour: 10,
    owner: 'u1',
    deal: 'o4',
    contacts: ['c4'],
    subject: 'Pilot check-in',
    body: 'How is the pilot going? Any blockers?',
  },
  {
    key: 'x30',
    kind: 'call',
    daysAgo: 12,
    hour: 11,
    owner: 'u1',
    deal: 'o4',
    contacts: ['c4'],
    disposition: 'voicemail',
    durationMin: 1,
    title: 'Pilot metrics check',
    notes: 'Voicemail.',
  },
  {
    key: 'x31',
    kind: 'task',
    daysAgo: 12,
    hour: 11,
    minute: 30,
    owner: 'u1',
    deal: 'o4',
    contacts: ['c4'],
    subject: 'Follow up on pilot metrics',
    body: 'Unblocks the business case for the full rollout.',
    dueInDays: -4,
    status: 'open',
    priority: 'MEDIUM',
  },

  // Initech — New logo (o5, Sam): close date passed; contacts on the account, none on the deal.
  {
    key: 'x32',
    kind: 'call',
    daysAgo: 47,
    hour: 14,
    owner: 'u1',
    deal: 'o5',
    contacts: ['c7'],
    disposition: 'connected',
    durationMin: 25,
    title: 'Initech qualification call',
    notes: 'Ian confirmed pain with their TPS reporting.',
  },
  {
    key: 'x33',
    kind: 'email',
    direction: 'out',
    daysAgo: 35,
    hour: 9,
    owner: 'u1',
    deal: 'o5',
    contacts: ['c7'],
    subject: 'Initech — pricing overview',
    body: 'Ian, pricing overview as promised.',
  },
  {
    key: 'x34',
    kind: 'call',
    daysAgo: 20,
    hour: 10,
    owner: 'u1',
    deal: 'o5',
    contacts: ['c8'],
    disposition: 'wrong-number',
    durationMin: 0,
    title: 'Reach Peter about the pilot team',
    notes: 'Number on file is wrong.',
  },

  // Umbrella — Security suite (o7, Lea)
  {
    key: 'x35',
    kind: 'meeting',
    daysAgo: 45,
    hour: 14,
    owner: 'u2',
    deal: 'o7',
    contacts: ['c10', 'c11'],
    title: 'Umbrella — security review',
    body: 'Security deep dive with Alice and Albert.',
    durationMin: 60,
  },
  {
    key: 'x36',
    kind: 'email',
    direction: 'in',
    daysAgo: 31,
    hour: 16,
    owner: 'u2',
    deal: 'o7',
    contacts: ['c10'],
    subject: 'Re: security review findings',
    body: 'Lea, findings are addressed. We can move to commercials.',
  },
  {
    key: 'x37',
    kind: 'email',
    direction: 'out',
    daysAgo: 20,
    hour: 12,
    owner: 'u2',
    deal: 'o7',
    contacts: ['c10'],
    subject: 'Umbrella proposal',
    body: 'Alice, attached is our proposal for the security suite.',
  },
  {
    key: 'x38',
    kind: 'call',
    daysAgo: 6,
    hour: 15,
    owner: 'u2',
    deal: 'o7',
    contacts: ['c10'],
    disposition: 'connected',
    durationMin: 31,
    title: 'Negotiation: payment terms',
    notes: 'Alice wants net-60 and quarterly billing.',
  },
  {
    key: 'x39',
    kind: 'email',
    direction: 'in',
    daysAgo: 4,
    hour: 10,
    minute: 15,
    owner: 'u2',
    deal: 'o7',
    contacts: ['c11'],
    subject: 'Re: Umbrella proposal — legal redlines',
    body: 'Redlines attached; mostly liability caps.',
  },
  {
    key: 'x40',
    kind: 'task',
    daysAgo: 4,
    hour: 11,
    owner: 'u2',
    deal: 'o7',
    contacts: ['c10', 'c11'],
    subject: 'Send redlined MSA',
    body: 'Unblocks signature this quarter.',
    dueInDays: 3,
    status: 'open',
    priority: 'HIGH',
  },

  // Globex — Analytics (o8, Lea)
  {
    key: 'x41',
    kind: 'email',
    direction: 'out',
    daysAgo: 11,
    hour: 9,
    owner: 'u2',
    deal: 'o8',
    contacts: ['c9'],
    subject: 'Analytics for Globex',
    body: 'Hank, a short note on how our analytics module fits Globex.',
  },
  {
    key: 'x42',
    kind: 'call',
    daysAgo: 10,
    hour: 17,
    owner: 'u2',
    deal: 'o8',
    contacts: ['c9'],
    disposition: 'busy',
    durationMin: 0,
    title: 'Intro call attempt',
    notes: '',
  },

  // Hooli — Renewal 2027 (o9, Sam)
  {
    key: 'x43',
    kind: 'meeting',
    daysAgo: 33,
    hour: 18,
    owner: 'u1',
    deal: 'o9',
    contacts: ['c12', 'c13'],
    title: 'Hooli — renewal kickoff',
    body: 'Renewal kickoff with Gavin and Monica.',
    durationMin: 30,
  },
  {
    key: 'x44',
    kind: 'email',
    direction: 'out',
    daysAgo: 11,
    hour: 10,
    owner: 'u1',
    deal: 'o9',
    contacts: ['c13'],
    subject: 'Hooli renewal quote',
    body: 'Monica, renewal quote attached.',
  },
  {
    key: 'x45',
    kind: 'call',
    daysAgo: 7,
    hour: 16,
    owner: 'u1',
    deal: 'o9',
    contacts: ['c13'],
    disposition: 'connected',
    durationMin: 14,
    title: 'Renewal quote questions',
    notes: 'Monica needs the quote split across two cost centres.',
  },
  {
    key: 'x46',
    kind: 'note',
    daysAgo: 7,
    hour: 16,
    minute: 30,
    owner: 'u1',
    deal: 'o9',
    contacts: ['c13'],
    body: 'Quote must be split across cost centres 4410 and 4420.',
  },

  // Umbrella — Training (o10, Sam, closed won)
  {
    key: 'x47',
    kind: 'email',
    direction: 'out',
    daysAgo: 25,
    hour: 13,
    owner: 'u1',
    deal: 'o10',
    contacts: ['c10'],
    subject: 'Training package',
    body: 'Alice, the training package for your admins.',
  },
  {
    key: 'x48',
    kind: 'meeting',
    daysAgo: 14,
    hour: 15,
    owner: 'u1',
    deal: 'o10',
    contacts: ['c10'],
    title: 'Umbrella training — sign-off',
    body: 'Final sign-off call.',
    durationMin: 30,
  },

  // No deal: contact/company only.
  {
    key: 'x49',
    kind: 'email',
    direction: 'in',
    daysAgo: 15,
    hour: 12,
    owner: 'u2',
    deal: null,
    contacts: ['c15'],
    subject: 'Question about your platform',
    body: 'Do you integrate with import/export ledgers?',
  },
  {
    key: 'x50',
    kind: 'note',
    daysAgo: 40,
    hour: 10,
    owner: 'u1',
    deal: null,
    contacts: [],
    account: 'a4',
    body: 'Hooli account review: churn risk after the lost expansion; renewal owner is Monica.',
  },
];

export const BOOK: Book = {
  users: BOOK_USERS,
  accounts: ACCOUNTS,
  contacts: CONTACTS,
  deals: DEALS,
  activities: ACTIVITIES,
};

/** An empty book keeps the users (someone must be able to sign in). */
export const EMPTY_BOOK: Book = { users: BOOK_USERS, accounts: [], contacts: [], deals: [], activities: [] };

const DAY = 86_400_000;

export function bookTime(now: Date, daysAgo: number, hour = 12, minute = 0): Date {
  const startOfToday = Math.floor(now.getTime() / DAY) * DAY;
  return new Date(startOfToday - daysAgo * DAY + hour * 3_600_000 + minute * 60_000);
}

export function activityTime(now: Date, a: BookActivity): Date {
  return bookTime(now, a.daysAgo, a.hour, a.minute ?? 0);
}

export function activityAccount(book: Book, a: BookActivity): string | null {
  if (a.account) return a.account;
  const deal = book.deals.find((d) => d.key === a.deal);
  if (deal) return deal.account;
  const contact = book.contacts.find((c) => c.key === a.contacts[0]);
  return contact?.account ?? null;
}
