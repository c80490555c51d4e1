/**
 * The request an audit row belongs to, without threading ids through every use case: the API
 * runs each request inside `runWithRequestContext`, and `recordAudit` reads it (the use cases
 * the browser and the API share stay unchanged).
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  correlationId?: string;
  /** The API client making the request, when it came through /api/v1. */
  apiClientId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
