import { t } from './i18n/i18n';

/** An API answer other than 2xx, or no answer at all, told in words the user can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Query = Readonly<Record<string, string | number | undefined>>;

export function pathWith(path: string, query: Query = {}): string {
  const params = Object.entries(query).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '');
  const search = new URLSearchParams(params.map(([name, value]) => [name, String(value)])).toString();
  return search ? `${path}?${search}` : path;
}

async function call(key: string, path: string, accept: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${key}`, Accept: accept } });
  } catch {
    throw new ApiError(0, t('error.network'));
  }
  if (!response.ok) throw new ApiError(response.status, await messageOf(response));
  return response;
}

export async function getJson<T>(key: string, path: string, query?: Query): Promise<T> {
  return (await call(key, pathWith(path, query), 'application/json')).json() as Promise<T>;
}

/** The API's own CSV answer, saved under the name it gives. */
export async function downloadCsv(key: string, path: string, query?: Query): Promise<void> {
  const response = await call(key, pathWith(path, query), 'text/csv');
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'rapport.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function messageOf(response: Response): Promise<string> {
  const problem = (await response.json().catch(() => ({}))) as { errors?: { field: string }[]; correlationId?: string };
  switch (response.status) {
    case 400:
      return t('error.invalid', { fields: (problem.errors ?? []).map((error) => error.field).join(', ') });
    case 401:
      return t('error.unauthorized');
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 429:
      return t('error.rateLimited');
    case 503:
      return t('error.unavailable');
    default:
      return t('error.server', { status: response.status, correlationId: problem.correlationId ?? '—' });
  }
}
