const DEFAULT_API_URL = "http://localhost:8000";

/** Base URL of the backend, from VITE_API_URL (see .env.example). */
export const API_URL: string = (import.meta.env.VITE_API_URL || DEFAULT_API_URL).replace(/\/+$/, "");
