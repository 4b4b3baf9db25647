import { IdempotencyKeyReused } from './answers';
import type { AuthenticatedRequest } from './auth.guard';
import { IdempotentReplies } from './idempotency';

function request(body: unknown, key?: string, caller = 'channel-a'): AuthenticatedRequest {
  const headers = key === undefined ? {} : { 'idempotency-key': key };
  return {
    headers,
    method: 'POST',
    path: '/v1/customers/C-1/surveys',
    body,
    principal: { name: caller },
  } as unknown as AuthenticatedRequest;
}

describe('IdempotentReplies', () => {
  it('answers a replay of a key with the first answer, without doing the work again', async () => {
    const replies = new IdempotentReplies();
    const work = jest.fn(async () => ({ answer: 'a fresh object each time' }));
    const first = await replies.once(request({ score: 5, comment: 'fine' }, 'k-1'), work);
    // The same request, its fields in another order: the same fingerprint.
    expect(await replies.once(request({ comment: 'fine', score: 5 }, 'k-1'), work)).toBe(first);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('refuses a key reused for another request, and lets another caller use the same key', async () => {
    const replies = new IdempotentReplies();
    await replies.once(request({ score: 5 }, 'k-1'), async () => 'first');
    await expect(replies.once(request({ score: 4 }, 'k-1'), async () => 'second')).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await replies.once(request({ score: 4 }, 'k-1', 'channel-b'), async () => 'theirs')).toBe('theirs');
  });

  it('forgets a key whose request failed: it changed nothing, so the key may carry a corrected request', async () => {
    const replies = new IdempotentReplies();
    await expect(replies.once(request({ score: 50 }, 'k-1'), () => Promise.reject(new Error('invalid score')))).rejects.toThrow(
      'invalid score',
    );
    expect(await replies.once(request({ score: 5 }, 'k-1'), async () => 'corrected')).toBe('corrected');
  });

  it('does the work every time for requests without a key', async () => {
    const replies = new IdempotentReplies();
    const work = jest.fn(async () => 'done');
    await replies.once(request({ score: 5 }), work);
    await replies.once(request({ score: 5 }), work);
    expect(work).toHaveBeenCalledTimes(2);
  });
});
