import request from 'supertest';
import { bearer, KEY_RECORDS } from '../support/api-keys.fixture';
import { parseCsv } from '../support/parse-csv';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';
import { readSideCaughtUp, type ProjectionsView } from '../support/read-side-caught-up';

const acquisition = (customerId: string) => ({
  customerId,
  customerType: 'individual',
  channel: 'branch',
  assets: { amount: '120000.00', currency: 'CNY' },
  riskProfile: 'C3',
});
const complaint = (complaintId: string, category: string) => ({
  complaintId,
  category,
  severity: 'high',
  channel: 'branch',
  occurredAt: '2026-01-03T10:00:00Z',
});

describe('CSV answers of the list routes, and GET /v1/me', () => {
  let dataDir: string;
  let running: RunningApp;
  let position: number;
  const http = () => request(running.server);
  /** Each complaint's churn-risk assessment (by the saga) is appended before the next command. */
  const caughtUp = () =>
    readSideCaughtUp(async () => (await http().get('/v1/projections').set(bearer('analyst')).expect(200)).body as ProjectionsView);

  beforeAll(async () => {
    dataDir = tempDataDir('csv');
    running = await startHttpApp(dataDir, { security: { auth: 'enabled', apiKeys: KEY_RECORDS, rateLimitPerSecond: 0 } });
    await http()
      .post('/v1/customers')
      .set(bearer('channel'))
      .send({ ...acquisition('CSV-1'), occurredAt: '2026-01-02T09:00:00Z' })
      .expect(201);
    await http().post('/v1/customers/CSV-1/complaints').set(bearer('channel')).send(complaint('CMP-1', 'fees, "hidden"')).expect(201);
    await caughtUp();
    await http().post('/v1/customers/CSV-1/complaints').set(bearer('channel')).send(complaint('CMP-2', '=HYPERLINK("x")')).expect(201);
    position = await caughtUp();
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it('answers Accept: text/csv with a header row and the rows of the JSON page', async () => {
    const json = await http().get(`/v1/complaints?minPosition=${position}`).set(bearer('analyst')).expect(200);
    const csv = await http().get(`/v1/complaints?minPosition=${position}`).set(bearer('analyst')).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="complaints.csv"');
    const [header, ...rows] = parseCsv(csv.text);
    expect(header.slice(0, 3)).toEqual(['customerId', 'complaintId', 'category']);
    expect(rows.map((row) => [row[1], row[2]])).toEqual(
      json.body.complaints.map((c: { complaintId: string; category: string }) => [
        c.complaintId,
        c.category.startsWith('=') ? `'${c.category}` : c.category,
      ]),
    );
    expect(rows[0][2]).toBe('fees, "hidden"');
  });

  it('answers format=csv alike, and refuses any other format with a 400 naming the field', async () => {
    const viaAccept = await http()
      .get('/v1/kpis?from=2026-01-01&to=2026-01-31')
      .set(bearer('analyst'))
      .set('Accept', 'text/csv')
      .expect(200);
    const viaParameter = await http().get('/v1/kpis?from=2026-01-01&to=2026-01-31&format=csv').set(bearer('analyst')).expect(200);
    expect(viaParameter.text).toBe(viaAccept.text);
    expect(parseCsv(viaParameter.text)).toEqual([
      expect.arrayContaining(['from', 'acquired', 'complaints']),
      expect.arrayContaining(['2026-01-01', '1', '2']),
    ]);
    const refused = await http().get('/v1/kpis?format=xml').set(bearer('analyst')).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
  });

  it('keeps JSON for callers that accept anything, and errors as problem+json when CSV was asked for', async () => {
    const any = await http().get('/v1/segments').set(bearer('analyst')).set('Accept', '*/*').expect(200);
    expect(any.headers['content-type']).toMatch(/^application\/json/);
    const missing = await http().get('/v1/customers/NOBODY/history?format=csv').set(bearer('auditor')).expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives the audit history as CSV, one row per event in revision order', async () => {
    const csv = await http().get('/v1/customers/CSV-1/history?format=csv').set(bearer('auditor')).expect(200);
    const [header, ...rows] = parseCsv(csv.text);
    expect(header.slice(0, 3)).toEqual(['revision', 'position', 'type']);
    expect(rows.map((row) => [row[0], row[2]])).toEqual([
      ['0', 'CustomerAcquired'],
      ['1', 'ComplaintFiled'],
      // the churn-risk saga scores each open complaint: 5, then 10
      ['2', 'ChurnRiskAssessed'],
      ['3', 'ComplaintFiled'],
      ['4', 'ChurnRiskAssessed'],
    ]);
  });

  it.each(['channel', 'analyst', 'auditor', 'admin'] as const)('GET /v1/me tells a %s key its name and role', async (role) => {
    const { body } = await http().get('/v1/me').set(bearer(role)).expect(200);
    expect(body).toEqual({ name: `test-${role}`, role });
  });

  it('GET /v1/me without a key is 401', async () => {
    await http().get('/v1/me').expect(401);
  });
});
