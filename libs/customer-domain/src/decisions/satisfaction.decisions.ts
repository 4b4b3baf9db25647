import type { RaiseRetentionAlert, RecordSatisfaction } from '../customer.commands';
import { domainError } from '../customer.errors';
import type { KnownCustomer } from '../customer.state';
import { FALLING_RUN_LENGTH, isFallingRun } from '../policies/satisfaction.policy';
import { churnedError, duplicate, stamp, type Decision } from './decision';

export function recordSatisfaction(command: RecordSatisfaction, state: KnownCustomer): Decision {
  const { surveyId, csat, nps, touchpoint, channel } = command.data;
  if (state.surveyIds.has(surveyId)) return duplicate();
  const churned = churnedError(command, state);
  if (churned) return churned;
  return [
    {
      type: 'SatisfactionRecorded',
      data: { ...stamp(command), surveyId, csat, ...(nps === undefined ? {} : { nps }), touchpoint, channel },
    },
  ];
}

/**
 * The satisfaction saga asks for an alert after the answer `surveyId` (design.md §2). It is
 * warranted only while that answer is still the latest and completes a strictly falling run.
 */
export function raiseRetentionAlert(command: RaiseRetentionAlert, state: KnownCustomer): Decision {
  const { surveyId } = command.data;
  if (state.retentionAlertSurveyIds.has(surveyId)) return duplicate();
  const churned = churnedError(command, state);
  if (churned) return churned;
  const latest = state.recentSatisfaction.slice(-FALLING_RUN_LENGTH);
  const recentScores = latest.map((answer) => answer.csat);
  const isLatest = latest.at(-1)?.surveyId === surveyId;
  if (!isLatest || !isFallingRun(recentScores)) {
    return domainError('retention-alert-not-warranted', `the CSAT answers up to ${surveyId} do not fall strictly`, {
      surveyId,
      recentScores,
    });
  }
  return [{ type: 'RetentionAlertRaised', data: { ...stamp(command), surveyId, recentScores } }];
}
