import type { z } from "zod/mini";
import { API_URL } from "./config";
import { goTo, ROUTES } from "./navigation";
import { problemSchema, type Problem } from "./schemas";
import { sessionStore } from "./session";
import { showToast } from "./toasts";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A failed request: an HTTP error answered with problem+json, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** Validation messages by field, from a 422's `errors` map. */
  get fieldErrors(): Record<string, string[]> {
    return this.problem.errors ?? {};
  }
}

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  /** Statuses the caller shows itself, without a toast (e.g. 404 → a not-found page). */
  quietStatuses?: number[];
  /** The caller shows a 422's messages next to its fields: no toast for one that has them. */
  showsFieldErrors?: boolean;
  /** A retry the user did not ask for: the part that failed already says so, no toast. */
  quiet?: boolean;
  /** The toast's title when the request fails; by default from the method ("Could not load"…). */
  failureTitle?: string;
  /** Renew a token about to expire before sending (off for /auth/refresh itself). */
  renew?: boolean;
  /** Sent without a session (signing in, creating an account). */
  anonymous?: boolean;
  /** The Accept header (a download asks for a file, not JSON). */
  accept?: string;
}

const DEFAULT_TITLES: Record<Method, string> = {
  GET: "Could not load",
  POST: "Could not save",
  PUT: "Could not save",
  PATCH: "Could not save",
  DELETE: "Could not delete",
};

const UNREACHABLE: Problem = { detail: "The server cannot be reached. Check your connection; we will try again." };
const SERVER_TROUBLE = "The server had a problem. Please try again in a moment.";

/** Reads a problem+json body; anything else still becomes a readable problem. */
export async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { title: response.statusText || "Request failed", status: response.status };
  try {
    const parsed = problemSchema.safeParse(await response.json());
    return parsed.success ? { ...fallback, ...parsed.data } : fallback;
  } catch {
    return fallback;
  }
}

/** A JSON body, or a form (a file upload: the browser writes its multipart boundary). */
function encodeBody(body: unknown): { payload?: BodyInit; contentType?: string } {
  if (body === undefined) return {};
  if (body instanceof FormData) return { payload: body };
  return { payload: JSON.stringify(body), contentType: "application/json" };
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const { method = "GET", body } = options;
  const { payload, contentType } = encodeBody(body);
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
  if (contentType) headers["Content-Type"] = contentType;
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(`${API_URL}${path}`, { method, headers, body: payload });
  } catch {
    const problem = { ...UNREACHABLE, status: 0 };
    if (!options.quiet) showToast({ title: options.failureTitle ?? DEFAULT_TITLES[method], detail: problem.detail });
    throw new ApiError(0, problem);
  }
}

let sessionChange: Promise<unknown> = Promise.resolve();

/**
 * The session is being replaced on purpose (a password change ends every
 * token, and the client signs in again with the new password): a request
 * that meets a 401 meanwhile waits for the new session instead of ending it.
 */
export function whileSessionChanges<T>(change: Promise<T>): Promise<T> {
  sessionChange = change.catch(() => undefined);
  return change;
}

/** The session this request was sent with is over: sign out once, however many requests found out. */
async function endSession(sentWith: string): Promise<void> {
  await sessionChange;
  if (sessionStore.getState().token !== sentWith) return;
  sessionStore.getState().signOut();
  showToast({ title: "Session ended", detail: "Please sign in again." });
  goTo(ROUTES.login);
}

async function failWith(response: Response, options: RequestOptions, token: string | null): Promise<never> {
  const problem = await readProblem(response);
  const status = response.status;
  const handledByCaller =
    options.quiet ||
    options.quietStatuses?.includes(status) ||
    (options.showsFieldErrors && status === 422 && Object.keys(problem.errors ?? {}).length > 0);
  if (status === 401 && token) {
    await endSession(token);
  } else if (!handledByCaller) {
    const detail = status >= 500 ? problem.detail || SERVER_TROUBLE : (problem.detail ?? undefined);
    showToast({ title: options.failureTitle ?? DEFAULT_TITLES[options.method ?? "GET"], detail });
  }
  throw new ApiError(status, problem);
}

const SIGNED_OUT: Problem = { title: "Session ended", detail: "Please sign in again." };

let beforeRequest: () => Promise<void> = async () => undefined;

/** Runs before every request that may renew the token (lib/renewal.ts installs it). */
export function onBeforeRequest(hook: () => Promise<void>): void {
  beforeRequest = hook;
}

async function call(path: string, options: RequestOptions): Promise<Response> {
  if (options.renew !== false) await beforeRequest();
  const token = sessionStore.getState().token;
  // Signed out meanwhile (another request found the session over): the user is on the way to
  // the sign-in page, and a request without a token would only fail again, with a second toast.
  if (!token && !options.anonymous) throw new ApiError(401, SIGNED_OUT);
  const response = await send(path, options, token);
  if (!response.ok) await failWith(response, options, token);
  return response;
}

/** Calls the API and validates the JSON answer with `schema` (generated from the OpenAPI document). */
export async function requestJson<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const response = await call(path, options);
  return schema.parse(await response.json());
}

/** Calls an API endpoint that answers with no body (204). */
export async function requestNoContent(path: string, options: RequestOptions = {}): Promise<void> {
  await call(path, options);
}

/** Calls the API and hands back its answer as it is (a file, say). */
export const requestResponse = (path: string, options: RequestOptions = {}): Promise<Response> => call(path, options);
