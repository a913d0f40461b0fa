// Every REST route file with its URL path: the OpenAPI document and its reference page are built
// from this list, and test/unit/openapi.test.ts fails when a route file under app/api is missing.
import type { ApiRouteFile } from "@/lib/api/openapi";
import * as health from "../health/route";
import * as batch from "./batches/[id]/route";
import * as batchCancel from "./batches/[id]/cancel/route";
import * as batchResume from "./batches/[id]/resume/route";
import * as batches from "./batches/route";
import * as em from "./em/route";
import * as endpoint from "./endpoints/[id]/route";
import * as endpointTest from "./endpoints/[id]/test/route";
import * as endpoints from "./endpoints/route";
import * as exportsRoute from "./exports/route";
import * as generationAnswer from "./generations/[id]/answer/route";
import * as imports from "./imports/route";
import * as openapi from "./openapi.json/route";
import * as questionSet from "./question-sets/[id]/route";
import * as questionSets from "./question-sets/route";
import * as rejudge from "./rejudges/[id]/route";
import * as rejudgeCancel from "./rejudges/[id]/cancel/route";
import * as rejudgeCounting from "./rejudges/[id]/counting/route";
import * as rejudgeResume from "./rejudges/[id]/resume/route";
import * as rejudgeEstimate from "./rejudges/estimate/route";
import * as rejudges from "./rejudges/route";
import * as run from "./runs/[id]/route";
import * as runEndpoint from "./runs/[id]/endpoint/route";
import * as runs from "./runs/route";

export const apiRoutes: readonly ApiRouteFile[] = [
  { path: "/api/v1/runs", module: runs },
  { path: "/api/v1/runs/{id}", module: run },
  { path: "/api/v1/runs/{id}/endpoint", module: runEndpoint },
  { path: "/api/v1/endpoints", module: endpoints },
  { path: "/api/v1/endpoints/{id}", module: endpoint },
  { path: "/api/v1/endpoints/{id}/test", module: endpointTest },
  { path: "/api/v1/question-sets", module: questionSets },
  { path: "/api/v1/question-sets/{id}", module: questionSet },
  { path: "/api/v1/batches", module: batches },
  { path: "/api/v1/batches/{id}", module: batch },
  { path: "/api/v1/batches/{id}/cancel", module: batchCancel },
  { path: "/api/v1/batches/{id}/resume", module: batchResume },
  { path: "/api/v1/rejudges", module: rejudges },
  { path: "/api/v1/rejudges/estimate", module: rejudgeEstimate },
  { path: "/api/v1/rejudges/{id}", module: rejudge },
  { path: "/api/v1/rejudges/{id}/cancel", module: rejudgeCancel },
  { path: "/api/v1/rejudges/{id}/counting", module: rejudgeCounting },
  { path: "/api/v1/rejudges/{id}/resume", module: rejudgeResume },
  { path: "/api/v1/imports", module: imports },
  { path: "/api/v1/exports", module: exportsRoute },
  { path: "/api/v1/em", module: em },
  { path: "/api/v1/generations/{id}/answer", module: generationAnswer },
  { path: "/api/v1/openapi.json", module: openapi },
  { path: "/api/health", module: health },
];
