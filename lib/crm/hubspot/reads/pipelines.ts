/**
 * Deal pipelines and their stages. HubSpot sends stage metadata as strings
 * (`{"isClosed":"false","probability":"0.2"}`); here they become typed `Stage`s. Cached for a
 * day: open/closed decisions for every deal depend on them and they rarely change.
 */
import * as z from 'zod/mini';
import type { CrmCache } from '../../cache';
import { CrmError } from '../../../http/errors';
import { Pipeline, type Stage } from '../../../domain/types';
import type { HubSpotClient } from '../client';
import type { Notes } from '../map/notes';
import { Id } from '../schemas';

/** A day: pipelines, owners and call outcomes change a few times a year. */
export const PIPELINES_TTL_MS = 24 * 60 * 60_000;

const StageSchema = z.looseObject({
  id: Id,
  label: z.optional(z.nullable(z.string())),
  displayOrder: z.optional(z.nullable(z.number())),
  metadata: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});
const PipelineSchema = z.looseObject({
  id: Id,
  label: z.optional(z.nullable(z.string())),
  displayOrder: z.optional(z.nullable(z.number())),
  stages: z.optional(z.nullable(z.array(z.unknown()))),
});
const PipelineList = z.looseObject({ results: z.optional(z.nullable(z.array(z.unknown()))) });

function metaText(metadata: Record<string, unknown> | null | undefined, name: string): string | null {
  const value = metadata?.[name];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : null;
}

function byDisplayOrder<T extends { displayOrder?: number | null | undefined }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0));
}

export function parsePipelines(body: unknown): Pipeline[] {
  const list = PipelineList.safeParse(body);
  const pipelines: Pipeline[] = [];
  const raw = (list.success ? (list.data.results ?? []) : []).flatMap((item) => {
    const parsed = PipelineSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  for (const pipeline of byDisplayOrder(raw)) {
    const stagesRaw = (pipeline.stages ?? []).flatMap((item) => {
      const parsed = StageSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
    const stages: Stage[] = byDisplayOrder(stagesRaw).map((stage, index) => {
      const probabilityText = metaText(stage.metadata, 'probability');
      const probability = probabilityText === null ? null : Number(probabilityText);
      const isClosed = metaText(stage.metadata, 'isClosed')?.toLowerCase() === 'true';
      const known = probability !== null && Number.isFinite(probability) ? probability : null;
      return {
        id: stage.id,
        label: stage.label || stage.id,
        order: index,
        probability: known,
        isClosed,
        isWon: isClosed && known === 1,
        pipelineId: pipeline.id,
      };
    });
    pipelines.push({ id: pipeline.id, label: pipeline.label || pipeline.id, stages });
  }
  return pipelines;
}

export function createPipelines(client: HubSpotClient, cache: CrmCache) {
  const key = `hubspot:${client.portalKey}:pipelines`;
  const schema = z.array(Pipeline);
  return {
    /** Cached pipelines, or null (no request) when the cache is cold. */
    cached: () => cache.get(key, schema),
    async load(): Promise<Pipeline[]> {
      const cached = await cache.get(key, schema);
      if (cached) return cached;
      const answer = await client.read({ method: 'GET', path: '/crm/v3/pipelines/deals' });
      const pipelines = parsePipelines(answer.body);
      await cache.set(key, pipelines, PIPELINES_TTL_MS);
      return pipelines;
    },
  };
}
export type Pipelines = ReturnType<typeof createPipelines>;

/** Stage lookup by pipeline and stage id (stage ids are unique per portal; pipeline is a tiebreak). */
export class StageIndex {
  private readonly byKey = new Map<string, Stage>();
  private readonly byId = new Map<string, Stage>();

  constructor(readonly pipelines: Pipeline[] | null) {
    for (const pipeline of pipelines ?? []) {
      for (const stage of pipeline.stages) {
        this.byKey.set(`${pipeline.id}\u0000${stage.id}`, stage);
        if (!this.byId.has(stage.id)) this.byId.set(stage.id, stage);
      }
    }
  }

  find(pipelineId: string | null, stageId: string | null): Stage | null {
    if (!stageId) return null;
    return (
      (pipelineId ? this.byKey.get(`${pipelineId}\u0000${stageId}`) : undefined) ??
      this.byId.get(stageId) ??
      null
    );
  }

  get stageIds(): string[] {
    return [...this.byId.keys()];
  }
}

export const NO_PIPELINES_NOTE =
  "Could not read HubSpot's deal pipelines; open deals were judged by their own closed flag.";

/** The stage index, or an empty one (with a note) when pipelines cannot be read. */
export async function loadStages(pipelines: Pipelines, notes: Notes): Promise<StageIndex> {
  try {
    return new StageIndex(await pipelines.load());
  } catch (error) {
    if (error instanceof CrmError && error.kind === 'auth') throw error;
    notes.add(NO_PIPELINES_NOTE);
    return new StageIndex(null);
  }
}
