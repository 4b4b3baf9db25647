import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { UnhandledExceptionBus } from '@nestjs/cqrs';
import type { Subscription } from 'rxjs';
import { ExecuteCustomerCommand } from '../commands/execute-customer-command';
import { Metrics } from '../operations/metrics';
import { StoredCustomerEvent } from './stored-customer-event';

/** @nestjs/cqrs only logs a failing saga or handler and carries on; this logs each with its correlation id and counts it (style.md §5). */
@Injectable()
export class UnhandledExceptionsLogger implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('cqrs');
  private subscription: Subscription | undefined;

  constructor(
    private readonly bus: UnhandledExceptionBus,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.subscribe(({ exception, cause }) => {
      const source = sourceOf(cause);
      this.metrics.count('rapport_unhandled_exceptions_total', 'Exceptions thrown by sagas and event or command handlers', {
        source: source.kind,
      });
      const error = exception instanceof Error ? `${exception.name}: ${exception.message}` : 'non-error thrown';
      this.logger.error({
        msg: 'unhandled exception in a saga or handler',
        source: source.kind,
        correlationId: source.correlationId,
        error,
      });
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}

function sourceOf(cause: unknown): { kind: string; correlationId: string | null } {
  if (cause instanceof ExecuteCustomerCommand) return { kind: cause.command.type, correlationId: cause.context.correlationId };
  if (cause instanceof StoredCustomerEvent) return { kind: cause.event.type, correlationId: cause.metadata.correlationId };
  return { kind: typeof cause === 'string' ? cause : 'unknown', correlationId: null };
}
