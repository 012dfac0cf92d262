/**
 * Deal pipelines and stages. Stage metadata values are strings, as HubSpot returns them.
 */
import { jsonReply, type Reply } from '../http';
import type { RequestContext } from '../state';
import type { HsPipeline } from '../store/types';
import { hsError } from './errors';
import { parseObjectType } from './schema';

function serializePipeline(p: HsPipeline) {
  return {
    id: p.id,
    label: p.label,
    displayOrder: p.displayOrder,
    archived: false,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    stages: p.stages.map((s) => ({
      id: s.id,
      label: s.label,
      displayOrder: s.displayOrder,
      archived: false,
      metadata: { isClosed: String(s.isClosed), probability: s.probability.toFixed(1) },
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })),
  };
}

function dealsOnly(objectType: string): Reply | undefined {
  if (parseObjectType(objectType) !== 'deals') {
    return hsError(400, 'VALIDATION_ERROR', `The fake CRM only has pipelines for deals, not ${objectType}.`);
  }
  return undefined;
}

export function listPipelines(ctx: RequestContext, objectType: string): Reply {
  return (
    dealsOnly(objectType) ??
    jsonReply(200, { results: ctx.state.store.hubspot.pipelines.map(serializePipeline) })
  );
}

export function getPipeline(ctx: RequestContext, objectType: string, id: string): Reply {
  const bad = dealsOnly(objectType);
  if (bad) return bad;
  const pipeline = ctx.state.store.hubspot.pipelines.find((p) => p.id === id);
  if (!pipeline) return hsError(404, 'OBJECT_NOT_FOUND', `Unable to find pipeline ${id}`);
  return jsonReply(200, serializePipeline(pipeline));
}

export function listStages(ctx: RequestContext, objectType: string, id: string): Reply {
  const one = getPipeline(ctx, objectType, id);
  if (one.status !== 200) return one;
  return jsonReply(200, { results: (one.json as ReturnType<typeof serializePipeline>).stages });
}
