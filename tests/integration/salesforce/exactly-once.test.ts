import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { emailWrite, makeAdapter, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const KEY = 'salesforce:email:mail-0123456789abcdef:opp';
const MARKER = { stageReasonField: '', logKeyField: '' };

describe('Salesforce without an External ID field: every record under a key is found, and a duplicate deleted', () => {
  it('finds both Tasks a resent POST made, oldest first, and deletes the newer', async () => {
    const { adapter } = makeAdapter(crm, { settings: MARKER });
    expect(adapter.keyMode()).toBe('marker');
    const first = await adapter.write(KEY, emailWrite(crm));
    crm.clock.advance(1_000);
    const second = await adapter.write(KEY, emailWrite(crm));
    const found = await adapter.findAllWritten(KEY, emailWrite(crm));
    expect(found.map((r) => r.id)).toEqual([first.recordId, second.recordId]);

    await adapter.removeRecord(found[1]!);
    expect((await adapter.findAllWritten(KEY, emailWrite(crm))).map((r) => r.id)).toEqual([first.recordId]);
    // A retried delete of a record already gone is fine.
    await expect(adapter.removeRecord(found[1]!)).resolves.toBeUndefined();
  });

  it('finds a touch under an older key the same message was logged with', async () => {
    const { adapter } = makeAdapter(crm, { settings: MARKER });
    const legacy = 'salesforce:email:198c6860711611c7:opp';
    const written = await adapter.write(legacy, emailWrite(crm));
    expect(await adapter.findWritten([KEY, legacy], emailWrite(crm))).toBe(written.recordId);
    expect(await adapter.findWritten(KEY, emailWrite(crm))).toBeNull();
  });
});

describe('Salesforce with the External ID field', () => {
  it('an upsert under a taken key adopts the record: one Task, whatever is sent twice', async () => {
    const { adapter } = makeAdapter(crm);
    expect(adapter.keyMode()).toBe('unique');
    expect(adapter.createLogKeyField).toBeUndefined();
    const first = await adapter.write(KEY, emailWrite(crm));
    const second = await adapter.write(KEY, emailWrite(crm));
    expect(second.recordId).toBe(first.recordId);
    expect(await adapter.findAllWritten(KEY, emailWrite(crm))).toHaveLength(1);
  });
});
