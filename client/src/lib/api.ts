import type { z } from "zod/mini";
import { API_URL } from "./config";
import { goTo, ROUTES } from "./navigation";
import { problemSchema, type Problem } from "./schemas";
import { useSession } from "./session";
import { showToast } from "./toasts";

/** A failed request: an HTTP error answered with problem+json, or no answer at all. */
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

const NETWORK_PROBLEM: Problem = {
  title: "Cannot reach the server",
  detail: "Check your connection and try again.",
};

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** Statuses the caller shows itself, without a toast (e.g. 404 → a not-found page). */
  quietStatuses?: number[];
}

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

function toastFor(problem: Problem): void {
  showToast({ title: problem.title ?? "Request failed", detail: problem.detail ?? undefined });
}

async function send(path: string, { method = "GET", body }: RequestOptions): Promise<Response> {
  const token = useSession.getState().token;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(`${API_URL}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    toastFor(NETWORK_PROBLEM);
    throw new ApiError(0, NETWORK_PROBLEM);
  }
}

async function failWith(response: Response, options: RequestOptions, hadToken: boolean): Promise<never> {
  const problem = await readProblem(response);
  if (response.status === 401 && hadToken) {
    // The token expired or was revoked: start over from the sign-in page.
    useSession.getState().signOut();
    showToast({ title: "Your session has ended", detail: "Please sign in again." });
    goTo(ROUTES.login);
  } else if (!options.quietStatuses?.includes(response.status)) {
    toastFor(problem);
  }
  throw new ApiError(response.status, problem);
}

/** Calls the API and validates the JSON answer with `schema`. */
export async function requestJson<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const hadToken = useSession.getState().token !== null;
  const response = await send(path, options);
  if (!response.ok) return failWith(response, options, hadToken);
  return schema.parse(await response.json());
}

/** Calls an API endpoint that answers with no body (204). */
export async function requestNoContent(path: string, options: RequestOptions = {}): Promise<void> {
  const hadToken = useSession.getState().token !== null;
  const response = await send(path, options);
  if (!response.ok) await failWith(response, options, hadToken);
}
