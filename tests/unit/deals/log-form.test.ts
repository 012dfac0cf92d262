import { describe, expect, it } from 'vitest';
import type { Opportunity, Pipeline, Stage } from '@/lib/domain/types';
import { nextStageOf, stagesToMoveTo } from '@/lib/panel/log-form';

const stage = (id: string, order: number, pipelineId = 'sales', isClosed = false): Stage => ({
  id,
  label: id,
  order,
  probability: null,
  isClosed,
  isWon: false,
  pipelineId,
});
const pipelines: Pipeline[] = [
  {
    id: 'sales',
    label: 'Sales',
    stages: [
      stage('qualified', 1),
      stage('proposal', 2),
      stage('won', 3, 'sales', true),
      stage('negotiation', 4),
    ],
  },
  { id: 'renewals', label: 'Renewals', stages: [stage('upcoming', 0, 'renewals')] },
];
const deal = (current: Stage) => ({ stage: current }) as Opportunity;

describe('stages offered on a deal', () => {
  it('suggests the next open stage of the deal’s own pipeline', () => {
    expect(nextStageOf(pipelines, deal(stage('qualified', 1)))?.id).toBe('proposal');
    expect(nextStageOf(pipelines, deal(stage('proposal', 2)))?.id).toBe('negotiation');
    expect(nextStageOf(pipelines, deal(stage('negotiation', 4)))).toBeNull();
  });

  it('offers every other stage of the same pipeline, closed ones included', () => {
    expect(stagesToMoveTo(pipelines, deal(stage('proposal', 2))).map((s) => s.id)).toEqual([
      'qualified',
      'won',
      'negotiation',
    ]);
  });
});
