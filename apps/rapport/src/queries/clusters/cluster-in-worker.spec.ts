import { clusterBehaviour, type CustomerBehaviour } from '@rapport/analytics';
import { clusterInWorker } from './cluster-in-worker';

const customers: CustomerBehaviour[] = Array.from({ length: 30 }, (_, i) => ({
  customerId: `c${String(i).padStart(2, '0')}`,
  features: {
    recencyDays: i % 3 === 0 ? 300 : 5 + (i % 4),
    frequency: (i % 3) * 50 + 1,
    monetary: (i % 3) * 1_000 + i,
    productCategories: 1 + (i % 3),
    averageCsat: 3,
    complaints: i % 3 === 0 ? 2 : 0,
  },
}));

describe('clustering in a worker thread', () => {
  it('answers the run the main thread would make', async () => {
    const options = { minK: 2, maxK: 5, seed: 9 };
    await expect(clusterInWorker(customers, options)).resolves.toEqual(clusterBehaviour(customers, options));
  });

  it('rejects with the reason when the run cannot be made', async () => {
    await expect(clusterInWorker(customers.slice(0, 2), { minK: 3, maxK: 4, seed: 1 })).rejects.toThrow(/needs more customers than k/);
  });
});
