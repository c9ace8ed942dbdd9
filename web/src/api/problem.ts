// API failures as one error type the pages show: the problem+json detail (or title).
import type { Problem } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly problem?: Problem;
  readonly retryAfter?: number;

  constructor(status: number, problem: Problem | undefined, retryAfter?: number) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && ('detail' in value || 'title' in value);
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call, or an ApiError carrying the problem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After'));
    throw new ApiError(response.status, isProblem(error) ? error : undefined, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  return data as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const title = error.problem?.title;
    const detail = error.problem?.detail;
    return detail && title && detail !== title ? `${title}: ${detail}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
