import request from 'supertest';
import { removeDir, startHttpApp, tempDataDir, type RunningApp } from '../support/http-app.harness';

const money = { amount: '100.00', currency: 'CNY' };
const acquire = (customerId: string) => ({ customerId, customerType: 'individual', channel: 'web', assets: money, riskProfile: 'C2' });

describe('defects found by probing (issue #14 item 2)', () => {
  let dataDir: string;
  let running: RunningApp;
  const http = () => request(running.server);

  beforeAll(async () => {
    dataDir = tempDataDir('api-defects');
    running = await startHttpApp(dataDir);
    await http().post('/v1/customers').send(acquire('D-1')).expect(201);
  });
  afterAll(async () => {
    await running.close();
    removeDir(dataDir);
  });

  it.each(['/v1/complaints?cursor=AAAA', '/v1/segments/individual.mass.C1.none.new/customers?cursor=AAAA'])(
    'an unissued cursor is 400 naming cursor: %s',
    async (path) => {
      const response = await http().get(path).expect(400);
      expect(response.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    },
  );

  it('JSON nested 2,000 deep is 400', async () => {
    const body = `{"reason":${'['.repeat(2000)}${']'.repeat(2000)}}`;
    await http().post('/v1/customers/D-1/churn').set('content-type', 'application/json').send(body).expect(400);
  });

  it('a text/plain body is 415 and an unsupported method 405 with Allow', async () => {
    await http().post('/v1/customers/D-1/churn').set('content-type', 'text/plain').send('reason=x').expect(415);
    const response = await http().delete('/v1/customers/D-1/churn').expect(405);
    expect(response.headers.allow).toBe('POST');
  });

  it('__proto__ and constructor keys are refused in bodies and queries', async () => {
    await http()
      .post('/v1/customers/D-1/churn')
      .set('content-type', 'application/json')
      .send('{"reason":"x","__proto__":{"a":1}}')
      .expect(400);
    await http().post('/v1/customers/D-1/churn').send({ reason: 'x', constructor: 'y' }).expect(400);
    await http().get('/v1/complaints?__proto__=1').expect(400);
  });

  it('a 404 carries the correlation id and not the requested id; a malformed escape is 400', async () => {
    const response = await http()
      .post('/v1/customers/Nobody-77/activation')
      .set('X-Correlation-Id', 'corr-1')
      .send({ product: 'p' })
      .expect(404);
    expect(response.body.correlationId).toBe('corr-1');
    expect(JSON.stringify(response.body)).not.toContain('Nobody-77');
    const malformed = await http().get('/v1/customers/%E0%A4%A/history').expect(400);
    expect(malformed.body.type).toContain('malformed-path');
  });

  it('one message per field, and XYZ is not a currency', async () => {
    const survey = await http().post('/v1/customers/D-1/surveys').send({ surveyId: 'S-1', csat: '5', touchpoint: 't' }).expect(400);
    expect(survey.body.errors).toEqual([
      { field: 'csat', message: 'csat must be an integer number' },
      { field: 'channel', message: 'channel is required' },
    ]);
    const currency = await http()
      .post('/v1/customers')
      .send({ ...acquire('D-2'), assets: { amount: '1.00', currency: 'XYZ' } })
      .expect(400);
    expect(currency.body.errors).toEqual([{ field: 'assets.currency', message: expect.stringContaining('ISO 4217') }]);
  });

  it('an Idempotency-Key reused for a different request is 422 and appends nothing', async () => {
    await http().post('/v1/customers/D-1/activation').send({ product: 'p' }).expect(201);
    await http()
      .post('/v1/customers/D-1/transactions')
      .set('Idempotency-Key', 'k-1')
      .send({ transactionId: 'T-1', amount: money, productCategory: 'c' })
      .expect(201);
    await http().post('/v1/customers/D-1/churn').set('Idempotency-Key', 'k-1').send({ reason: 'moved' }).expect(422);
    const history = await http().get('/v1/customers/D-1/history').expect(200);
    expect((history.body.events as { type: string }[]).map((e) => e.type)).not.toContain('CustomerChurned');
  });
});
