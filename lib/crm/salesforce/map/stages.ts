/**
 * Salesforce has one stage list per org (Opportunity.StageName's values): Dealside's stages
 * and its single pipeline come from the org's metadata (reads/metadata.ts). Pure.
 */
import type { Pipeline, Stage } from '../../../domain/types';
import type { OrgMetadata } from '../reads/metadata';
import type { OpportunityRow } from '../schemas';

export const PIPELINE_ID = 'default';

/** The Dealside stage of an opportunity: from the org's stage list, else from the record. */
export function stageOf(
  metadata: OrgMetadata | null,
  row: Pick<OpportunityRow, 'StageName' | 'IsClosed' | 'IsWon' | 'Probability'>,
): Stage {
  const name = row.StageName ?? '';
  const known = metadata?.stages?.find((s) => s.id === name);
  if (known) {
    const { isActive: _isActive, ...stage } = known;
    return { ...stage, pipelineId: PIPELINE_ID };
  }
  return {
    id: name,
    label: name || 'Unknown stage',
    order: metadata?.stages?.length ?? 0,
    probability: row.Probability ?? null,
    isClosed: row.IsClosed === true,
    isWon: row.IsWon === true,
    pipelineId: PIPELINE_ID,
  };
}

export function pipelineOf(metadata: OrgMetadata): Pipeline[] {
  const stages: Stage[] = (metadata.stages ?? [])
    .filter((s) => s.isActive)
    .map(({ isActive: _isActive, ...s }) => ({ ...s, pipelineId: PIPELINE_ID }));
  return [{ id: PIPELINE_ID, label: 'Opportunity stages', stages }];
}
