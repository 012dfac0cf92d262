/**
 * Who the weekly reports are about, from the CRM: the signed-in rep's team (where the CRM has a
 * notion of one) and the names behind owner ids, so people read "Lea Lead", not "0055g00000Ab".
 */
import * as z from 'zod/mini';

export const Person = z.object({ id: z.string(), name: z.string() });
export type Person = z.infer<typeof Person>;

export interface ReportPeople {
  /**
   * The team of `me` by the CRM's own hierarchy, `me` first; empty when the CRM says they lead
   * no one (then the reports are about the rep alone).
   */
  team(me: string): Promise<Person[]>;
  /** Display names of these owners; ids the CRM does not know are left out. */
  names(ids: readonly string[]): Promise<Record<string, string>>;
}
