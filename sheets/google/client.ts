/**
 * Building the Sheets v4 client. `@googleapis/sheets` (its googleapis-common, gaxios and auth library)
 * costs ~250 ms to load, so it is imported here on first use, never at module load: a function that
 * does not touch the spreadsheet (or has not yet) does not pay for it.
 *
 * Credentials come from Application Default Credentials through the GoogleAuth class that ships with
 * `@googleapis/sheets` (googleapis-common's google-auth-library 10.5.0). Using that copy rather than
 * the project's google-auth-library 10.9.1 loads one auth library instead of two and needs no cast.
 * A caller holding its own client from the project's copy may pass it as `authClient`: the two copies
 * are compatible at runtime but their types differ, which one cast below bridges.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { AuthClient, GoogleAuth } from 'google-auth-library';

/** The only scope the ledger needs. */
export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

/** Where the credentials come from (default: Application Default Credentials) and the API root. */
export interface SheetsClientOptions {
  /** A fixed OAuth access token: no token endpoint is called (tests, tokens minted elsewhere). */
  readonly accessToken?: string;
  /** An auth client of the project's google-auth-library (e.g. impersonated credentials). */
  readonly authClient?: AuthClient | GoogleAuth;
  /** API root, default `https://sheets.googleapis.com/`; tests point it at 127.0.0.1. */
  readonly rootUrl?: string;
}

/** The generated Sheets v4 client with its credentials. */
export interface SheetsClient {
  readonly api: sheets_v4.Sheets;
  /** The service account's email when the credentials have one (for messages and protections). */
  serviceAccountEmail(): Promise<string | undefined>;
}

type SheetsLibrary = typeof import('@googleapis/sheets');

let library: Promise<SheetsLibrary> | undefined;

/** Loads `@googleapis/sheets` once. */
export function loadSheetsLibrary(): Promise<SheetsLibrary> {
  library ??= import('@googleapis/sheets');
  return library;
}

/** Builds the client. Its gaxios retry is off: `retry.ts` is the one retry policy. */
export async function createSheetsClient(options: SheetsClientOptions = {}): Promise<SheetsClient> {
  const lib = await loadSheetsLibrary();
  const base = { version: 'v4' as const, retry: false, ...(options.rootUrl ? { rootUrl: withSlash(options.rootUrl) } : {}) };
  if (options.accessToken !== undefined) {
    const auth = new lib.auth.OAuth2();
    auth.setCredentials({ access_token: options.accessToken, expiry_date: Date.now() + 365 * 86_400_000 });
    return { api: lib.sheets({ ...base, auth }), serviceAccountEmail: async () => undefined };
  }
  if (options.authClient !== undefined) {
    const external = options.authClient;
    // The one cast: googleapis-common pins google-auth-library 10.5.0, the project has 10.9.1.
    const auth = external as unknown as sheets_v4.Options['auth'];
    return { api: lib.sheets({ ...base, auth }), serviceAccountEmail: () => emailOf(external) };
  }
  const auth = new lib.auth.GoogleAuth({ scopes: [SHEETS_SCOPE] });
  return { api: lib.sheets({ ...base, auth }), serviceAccountEmail: () => emailOf(auth) };
}

async function emailOf(auth: unknown): Promise<string | undefined> {
  const withCredentials = auth as { getCredentials?: () => Promise<{ client_email?: string }>; email?: unknown };
  try {
    if (typeof withCredentials.getCredentials === 'function') return (await withCredentials.getCredentials()).client_email ?? undefined;
  } catch {
    return undefined;
  }
  return typeof withCredentials.email === 'string' ? withCredentials.email : undefined;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
