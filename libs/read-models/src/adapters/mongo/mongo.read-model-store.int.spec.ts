import { randomBytes } from 'node:crypto';
import { describeWithServer } from '../../../../../test/support/integration-server';
import { readModelStoreContract } from '../../contract/read-model-store.contract';
import { staleOwnerScenario } from '../../contract/stale-owner.scenario';
import { databaseIn, MongoReadModelStore } from './mongo.read-model-store';

describeWithServer('MONGO_URL', 'FerretDB', 'MongoDB read-model store', (url) => {
  const database = `rapport_contract_${randomBytes(4).toString('hex')}`;
  readModelStoreContract(
    'MongoDB',
    () => MongoReadModelStore.connect(url, { database }),
    (store) => store.close(),
    {
      reopen: () => MongoReadModelStore.connect(url, { database }),
    },
  );

  const shared = `rapport_fencing_${randomBytes(4).toString('hex')}`;
  staleOwnerScenario('two projectors on one database', () => MongoReadModelStore.connect(url, { database: shared }));

  it('takes the database from the URL path, if there is one', () => {
    expect([databaseIn('mongodb://h:27017/'), databaseIn('mongodb://h:27017/analytics?w=1'), databaseIn('mongodb://a,b/x')]).toEqual([
      undefined,
      'analytics',
      'x',
    ]);
  });
});
