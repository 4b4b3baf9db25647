import { COMMAND_FIELD_CLASSES, EVENT_FIELD_CLASSES, protectedFieldsOf, sensitiveFieldsOf } from './customer.field-classes';
import type { CustomerCommandType } from './customer.commands';
import type { CustomerEventType } from './customer.events';

describe('field classification (design.md §7)', () => {
  it('seals the personal data and every free-text field, and nothing else', () => {
    const guarded = Object.keys(EVENT_FIELD_CLASSES).flatMap((type) =>
      protectedFieldsOf(type as CustomerEventType).map((field) => `${type}.${field}`),
    );
    expect(guarded.sort()).toEqual([
      'ComplaintEscalated.reason',
      'ComplaintExtended.reason',
      'ComplaintResolved.resolution',
      'CustomerAcquired.personal',
      'CustomerChurned.reason',
      'CustomerReactivated.reason',
      'PointsRedeemed.reward',
      'RetentionActionRecorded.note',
    ]);
  });

  it.each(Object.keys(COMMAND_FIELD_CLASSES) as CustomerCommandType[])(
    '%s classifies each field as the event field of the same name does',
    (type) => {
      const eventClasses = Object.values(EVENT_FIELD_CLASSES).map((classes) => classes as Readonly<Record<string, string>>);
      for (const [field, fieldClass] of Object.entries(COMMAND_FIELD_CLASSES[type] as Readonly<Record<string, string>>)) {
        const asEvents = new Set(eventClasses.filter((classes) => field in classes).map((classes) => classes[field]));
        expect({ field, classes: [...asEvents] }).toEqual({ field, classes: [fieldClass] });
      }
    },
  );

  it('names the free text a command carries', () => {
    expect(sensitiveFieldsOf('ChurnCustomer')).toEqual(['reason']);
    expect(sensitiveFieldsOf('RedeemPoints')).toEqual(['reward']);
    expect(sensitiveFieldsOf('ExtendComplaint')).toEqual(['reason']);
    expect(sensitiveFieldsOf('RecordRetentionAction')).toEqual(['note']);
    expect(sensitiveFieldsOf('AcquireCustomer')).toEqual([]);
  });
});
