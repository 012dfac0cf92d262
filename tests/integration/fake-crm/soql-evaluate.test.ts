import { describe, expect, it } from 'vitest';
import { makeId } from '../../support/fake-crm/salesforce/ids';
import type {
  Catalog,
  SoqlField,
  SoqlFieldType,
  SoqlObject,
  SoqlRow,
} from '../../support/fake-crm/soql/catalog';
import { SoqlError } from '../../support/fake-crm/soql/errors';
import { executeSoql } from '../../support/fake-crm/soql/evaluate';

const f = (name: string, type: SoqlFieldType, extra: Partial<SoqlField> = {}): SoqlField => ({
  name,
  type,
  filterable: type !== 'textarea',
  sortable: type !== 'textarea',
  groupable: true,
  referenceTo: [],
  relationshipName: null,
  ...extra,
});

const OBJECTS: SoqlObject[] = [
  {
    name: 'Account',
    fields: [f('Id', 'id'), f('Name', 'string'), f('Revenue', 'currency'), f('Active', 'boolean')],
    childRelationships: [{ relationshipName: 'Contacts', childSObject: 'Contact', field: 'AccountId' }],
  },
  {
    name: 'Contact',
    fields: [
      f('Id', 'id'),
      f('Name', 'string'),
      f('Email', 'email'),
      f('AccountId', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
      f('Bio', 'textarea'),
      f('Birthday', 'date'),
      f('CreatedDate', 'datetime'),
      f('Score', 'int'),
    ],
    childRelationships: [],
  },
  {
    name: 'Note',
    fields: [
      f('Id', 'id'),
      f('Title', 'string'),
      f('ParentId', 'reference', { referenceTo: ['Account', 'Contact'], relationshipName: 'Parent' }),
    ],
    childRelationships: [],
  },
  {
    name: 'Name',
    fields: [f('Id', 'id'), f('Name', 'string'), f('Type', 'string')],
    childRelationships: [],
  },
];

const a1 = makeId('001', 1);
const a2 = makeId('001', 2);
const c = (n: number) => makeId('003', n);
const ROWS: Record<string, SoqlRow[]> = {
  Account: [
    { Id: a1, Name: 'Acme', Revenue: 500, Active: true },
    { Id: a2, Name: 'Globex', Revenue: null, Active: false },
  ],
  Contact: [
    {
      Id: c(1),
      Name: 'Jane Doe',
      Email: 'jane@acme.com',
      AccountId: a1,
      Bio: 'x',
      Birthday: '1990-05-01',
      CreatedDate: '2026-11-19T10:00:00.000+0000',
      Score: 5,
    },
    {
      Id: c(2),
      Name: 'Bob Buyer',
      Email: 'bob@acme.com',
      AccountId: a1,
      Bio: null,
      Birthday: null,
      CreatedDate: '2026-10-01T10:00:00.000+0000',
      Score: 7,
    },
    {
      Id: c(3),
      Name: 'gina',
      Email: 'gina@globex.com',
      AccountId: a2,
      Bio: null,
      Birthday: '1985-01-01',
      CreatedDate: '2026-11-20T08:00:00.000+0000',
      Score: null,
    },
    {
      Id: c(4),
      Name: 'Orphan',
      Email: null,
      AccountId: null,
      Bio: null,
      Birthday: null,
      CreatedDate: '2025-01-01T00:00:00.000+0000',
      Score: 1,
    },
  ],
  Note: [{ Id: makeId('002', 1), Title: 'On Jane', ParentId: c(1) }],
};

const catalog: Catalog = {
  object: (name) => OBJECTS.find((o) => o.name.toLowerCase() === name.toLowerCase()),
  rows: (name) => ROWS[OBJECTS.find((o) => o.name.toLowerCase() === name.toLowerCase())?.name ?? ''] ?? [],
  byId: (id) => {
    for (const [object, rows] of Object.entries(ROWS)) {
      const row = rows.find((r) => r.Id === id);
      if (row) return { object, row };
    }
    return undefined;
  },
};

const ctx = { catalog, now: new Date('2026-11-20T12:00:00Z'), apiVersion: '62.0' };
const run = (q: string) => executeSoql(q, ctx);
const names = (q: string) => run(q).records.map((r) => r.Name);
const fail = (q: string): SoqlError => {
  try {
    run(q);
  } catch (e) {
    if (e instanceof SoqlError) return e;
    throw e;
  }
  throw new Error('expected failure');
};

describe('SOQL evaluator', () => {
  it('returns records with attributes, selected fields in canonical case, nested parents', () => {
    const [first] = run("select name, account.name from contact where email = 'JANE@acme.com'").records;
    expect(first).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${c(1)}` },
      Name: 'Jane Doe',
      Account: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${a1}` },
        Name: 'Acme',
      },
    });
  });

  it('returns null for a missing parent', () => {
    expect(run("SELECT Account.Name FROM Contact WHERE Name = 'Orphan'").records[0]?.Account).toBeNull();
  });

  it('compares strings case-insensitively and handles null comparisons', () => {
    expect(names("SELECT Name FROM Contact WHERE Name = 'GINA'")).toEqual(['gina']);
    expect(names('SELECT Name FROM Contact WHERE Email = null')).toEqual(['Orphan']);
    expect(names('SELECT Name FROM Contact WHERE Score != null AND Score > 4 ORDER BY Score')).toEqual([
      'Jane Doe',
      'Bob Buyer',
    ]);
    // != includes nulls, as in SOQL.
    expect(names('SELECT Name FROM Contact WHERE Score != 5')).toEqual(['Bob Buyer', 'gina', 'Orphan']);
  });

  it('supports IN, NOT IN, LIKE with wildcards and parent-field filters', () => {
    expect(names("SELECT Name FROM Contact WHERE Email IN ('jane@acme.com', 'GINA@globex.com')")).toEqual([
      'Jane Doe',
      'gina',
    ]);
    expect(names("SELECT Name FROM Contact WHERE Email NOT IN ('jane@acme.com')")).toEqual([
      'Bob Buyer',
      'gina',
      'Orphan',
    ]);
    expect(names("SELECT Name FROM Contact WHERE Name LIKE 'b_b%'")).toEqual(['Bob Buyer']);
    expect(names("SELECT Name FROM Contact WHERE Account.Name = 'acme' AND Account.Active = true")).toEqual([
      'Jane Doe',
      'Bob Buyer',
    ]);
  });

  it('evaluates NOT and parenthesized OR groups', () => {
    expect(names("SELECT Name FROM Contact WHERE NOT (Name = 'Orphan' OR Name = 'gina')")).toEqual([
      'Jane Doe',
      'Bob Buyer',
    ]);
  });

  it('evaluates semi-joins', () => {
    expect(
      names(
        "SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email LIKE '%globex.com')",
      ),
    ).toEqual(['Globex']);
    expect(
      names(
        "SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact WHERE Email LIKE '%globex.com')",
      ),
    ).toEqual(['Acme']);
  });

  it('evaluates date and datetime literals and relative date ranges', () => {
    expect(names('SELECT Name FROM Contact WHERE Birthday < 1989-01-01')).toEqual(['gina']);
    expect(
      names('SELECT Name FROM Contact WHERE CreatedDate >= 2026-11-19T00:00:00Z ORDER BY CreatedDate'),
    ).toEqual(['Jane Doe', 'gina']);
    expect(names('SELECT Name FROM Contact WHERE CreatedDate = TODAY')).toEqual(['gina']);
    expect(names('SELECT Name FROM Contact WHERE CreatedDate = YESTERDAY')).toEqual(['Jane Doe']);
    expect(names('SELECT Name FROM Contact WHERE CreatedDate = LAST_N_DAYS:60 ORDER BY Name')).toEqual([
      'Bob Buyer',
      'gina',
      'Jane Doe',
    ]);
    expect(names('SELECT Name FROM Contact WHERE CreatedDate < LAST_N_DAYS:60')).toEqual(['Orphan']);
  });

  it('orders by several keys with NULLS FIRST by default and NULLS LAST on request', () => {
    expect(names('SELECT Name FROM Contact ORDER BY Score DESC')).toEqual([
      'gina',
      'Bob Buyer',
      'Jane Doe',
      'Orphan',
    ]);
    expect(names('SELECT Name FROM Contact ORDER BY Score DESC NULLS LAST')).toEqual([
      'Bob Buyer',
      'Jane Doe',
      'Orphan',
      'gina',
    ]);
    expect(names('SELECT Name FROM Contact ORDER BY Account.Name DESC NULLS LAST, Name ASC LIMIT 3')).toEqual(
      ['gina', 'Bob Buyer', 'Jane Doe'],
    );
    expect(names('SELECT Name FROM Contact ORDER BY Name LIMIT 2 OFFSET 1')).toEqual(['gina', 'Jane Doe']);
  });

  it('returns child subqueries as {totalSize, done, records} or null', () => {
    const rows = run(
      'SELECT Name, (SELECT Name FROM Contacts WHERE Score != null ORDER BY Name DESC LIMIT 5) FROM Account ORDER BY Name',
    ).records;
    expect(rows[0]?.Contacts).toEqual({
      totalSize: 2,
      done: true,
      records: [
        {
          attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${c(1)}` },
          Name: 'Jane Doe',
        },
        {
          attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${c(2)}` },
          Name: 'Bob Buyer',
        },
      ],
    });
    expect(rows[1]?.Contacts).toBeNull();
  });

  it('resolves polymorphic relationships through the Name pseudo-object', () => {
    const [note] = run('SELECT Parent.Name, Parent.Type FROM Note').records;
    expect(note?.Parent).toEqual({
      attributes: { type: 'Name', url: `/services/data/v62.0/sobjects/Contact/${c(1)}` },
      Name: 'Jane Doe',
      Type: 'Contact',
    });
  });

  it('computes aggregates with GROUP BY, aliases and exprN names, and COUNT()', () => {
    const grouped = run(
      'SELECT AccountId, COUNT(Id) n, MAX(CreatedDate), SUM(Score) FROM Contact WHERE AccountId != null GROUP BY AccountId ORDER BY COUNT(Id) DESC',
    ).records;
    expect(grouped).toEqual([
      {
        attributes: { type: 'AggregateResult' },
        AccountId: a1,
        n: 2,
        expr0: '2026-11-19T10:00:00.000+0000',
        expr1: 12,
      },
      {
        attributes: { type: 'AggregateResult' },
        AccountId: a2,
        n: 1,
        expr0: '2026-11-20T08:00:00.000+0000',
        expr1: null,
      },
    ]);
    expect(run("SELECT COUNT() FROM Contact WHERE Email LIKE '%acme.com'")).toEqual({
      totalSize: 2,
      records: [],
    });
  });

  it('matches 15-character ids against 18-character ones', () => {
    expect(names(`SELECT Name FROM Contact WHERE AccountId = '${a2.slice(0, 15)}'`)).toEqual(['gina']);
  });

  it('reports unknown objects, fields and relationships with Salesforce error codes', () => {
    expect(fail('SELECT Id FROM Widget').code).toBe('INVALID_TYPE');
    const field = fail('SELECT Id, Foo FROM Contact');
    expect(field.code).toBe('INVALID_FIELD');
    expect(field.message).toContain("No such column 'Foo' on entity 'Contact'");
    expect(fail('SELECT Owner.Name FROM Contact').code).toBe('INVALID_FIELD');
    expect(fail('SELECT Id, (SELECT Id FROM Widgets) FROM Account').code).toBe('INVALID_TYPE');
  });

  it('rejects filtering or sorting on long text areas', () => {
    const e = fail("SELECT Id FROM Contact WHERE Bio = 'x'");
    expect(e.code).toBe('INVALID_FIELD');
    expect(e.message).toBe("field 'Bio' can not be filtered in a query call");
    expect(fail('SELECT Id FROM Contact ORDER BY Bio').message).toContain('can not be sorted');
  });

  it('type-checks literals against fields', () => {
    expect(fail('SELECT Id FROM Contact WHERE Name = 5').message).toContain(
      'must be of type string and should be enclosed in quotes',
    );
    expect(fail("SELECT Id FROM Contact WHERE Birthday = '2020-01-01'").message).toContain(
      'must be of type date',
    );
    expect(fail('SELECT Id FROM Contact WHERE CreatedDate > 2020-01-01').message).toContain(
      'must be of type dateTime',
    );
    expect(fail("SELECT Id FROM Contact WHERE AccountId = 'nope'").code).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
    expect(fail('SELECT Name FROM Contact GROUP BY Email').message).toContain(
      'Field must be grouped or aggregated: Name',
    );
  });
});
