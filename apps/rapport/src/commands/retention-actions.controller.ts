import { randomUUID } from 'node:crypto';
import { Body, Controller, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CustomerCommand } from '@rapport/customer-domain';
import type { AuthenticatedRequest } from '../http/auth.guard';
import { commandContextOf } from '../http/correlation';
import { BusinessIdPipe, CustomerIdPipe } from '../http/customer-id.pipe';
import { IdempotentReplies } from '../http/idempotency';
import { CommandResult } from '../http/outcomes';
import { Access } from '../security/access.decorator';
import { TO_COMMAND } from '../wiring/tokens';
import { ExecuteCustomerCommand } from './execute-customer-command';
import { RecordRetentionActionRequest, RecordRetentionOutcomeRequest } from './requests/retention-action.request';
import type { ToCommand } from './to-command';

/** Interventions by the channels (issue #12): an action on a customer at risk, and later its outcome. */
@ApiTags('commands')
@Access('channel')
@Controller('v1/customers/:customerId/retention-actions')
export class RetentionActionsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(TO_COMMAND) private readonly toCommand: ToCommand,
    private readonly replies: IdempotentReplies,
  ) {}

  /** The action id is made here, at the edge; an Idempotency-Key makes a retry answer with the same one. */
  @Post()
  @ApiOperation({ summary: 'Record a retention action (RetentionActionRecorded); answers its actionId' })
  async record(
    @Param('customerId', CustomerIdPipe) id: string,
    @Body() body: RecordRetentionActionRequest,
    @Req() req: AuthenticatedRequest,
  ): Promise<CommandResult> {
    const actionId = randomUUID();
    const command = this.toCommand.recordRetentionAction(id, actionId, body, req.principal?.name ?? 'anonymous');
    return this.run(command, req, { actionId });
  }

  @Post(':actionId/outcome')
  @ApiOperation({ summary: 'Record the outcome of a retention action, once (RetentionActionOutcomeRecorded)' })
  async recordOutcome(
    @Param('customerId', CustomerIdPipe) id: string,
    @Param('actionId', new BusinessIdPipe('actionId')) actionId: string,
    @Body() body: RecordRetentionOutcomeRequest,
    @Req() req: AuthenticatedRequest,
  ): Promise<CommandResult> {
    return this.run(this.toCommand.recordRetentionOutcome(id, actionId, body), req);
  }

  private run(command: CustomerCommand, req: AuthenticatedRequest, madeIds?: Record<string, string>): Promise<CommandResult> {
    return this.replies.once(req, async () => {
      const outcome = await this.commandBus.execute(new ExecuteCustomerCommand(command, commandContextOf(req)));
      return new CommandResult(command.customerId, outcome, madeIds);
    });
  }
}
