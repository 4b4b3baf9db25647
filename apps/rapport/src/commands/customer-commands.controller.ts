import { Body, Controller, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CustomerCommand } from '@rapport/customer-domain';
import type { Request } from 'express';
import type { PersonalData } from '@rapport/privacy';
import { commandContextOf } from '../http/correlation';
import { BusinessIdPipe, CustomerIdPipe } from '../http/customer-id.pipe';
import { IdempotentReplies } from '../http/idempotency';
import { CommandResult } from '../http/outcomes';
import { TO_COMMAND } from '../wiring/tokens';
import { ExecuteCustomerCommand } from './execute-customer-command';
import { AcquireCustomerRequest } from './requests/acquire-customer.request';
import { ActivateCustomerRequest } from './requests/activate-customer.request';
import {
  AssignComplaintRequest,
  ChangeComplaintStageRequest,
  EscalateComplaintRequest,
  ExtendComplaintRequest,
  FileComplaintRequest,
  ResolveComplaintRequest,
} from './requests/complaint.request';
import { ChurnCustomerRequest, ReactivateCustomerRequest } from './requests/lifecycle.request';
import { RecordSatisfactionRequest } from './requests/record-satisfaction.request';
import { RecordTransactionRequest } from './requests/record-transaction.request';
import { RedeemPointsRequest } from './requests/redeem-points.request';
import { UpdateProfileRequest } from './requests/update-profile.request';
import { ErasureRequest } from './requests/erasure.request';
import type { AuthenticatedRequest } from '../http/auth.guard';
import { Access } from '../security/access.decorator';
import type { ToCommand } from './to-command';

const Customer = () => Param('customerId', CustomerIdPipe);
const ComplaintId = () => Param('complaintId', new BusinessIdPipe('complaintId'));

@ApiTags('commands')
@Access('channel')
@Controller('v1/customers')
export class CustomerCommandsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(TO_COMMAND) private readonly toCommand: ToCommand,
    private readonly replies: IdempotentReplies,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Acquire a customer (CustomerAcquired)' })
  async acquire(@Body() body: AcquireCustomerRequest, @Req() req: Request): Promise<CommandResult> {
    const { command, personal } = this.toCommand.acquire(body);
    return this.run(command, req, personal);
  }

  @Post(':customerId/activation')
  @ApiOperation({ summary: 'Activate (CustomerActivated)' })
  async activate(@Customer() id: string, @Body() body: ActivateCustomerRequest, @Req() req: Request) {
    return this.run(this.toCommand.activate(id, body), req);
  }

  @Patch(':customerId/profile')
  @ApiOperation({ summary: 'Update assets or risk profile (CustomerProfileUpdated)' })
  async updateProfile(@Customer() id: string, @Body() body: UpdateProfileRequest, @Req() req: Request) {
    return this.run(this.toCommand.updateProfile(id, body), req);
  }

  @Post(':customerId/transactions')
  @ApiOperation({ summary: 'Record a transaction (TransactionRecorded)' })
  async recordTransaction(@Customer() id: string, @Body() body: RecordTransactionRequest, @Req() req: Request) {
    return this.run(this.toCommand.recordTransaction(id, body), req);
  }

  @Post(':customerId/complaints')
  @ApiOperation({ summary: 'File a complaint (ComplaintFiled)' })
  async fileComplaint(@Customer() id: string, @Body() body: FileComplaintRequest, @Req() req: Request) {
    return this.run(this.toCommand.fileComplaint(id, body), req);
  }

  @Post(':customerId/complaints/:complaintId/escalation')
  @ApiOperation({ summary: 'Escalate a complaint (ComplaintEscalated)' })
  async escalateComplaint(
    @Customer() id: string,
    @Param('complaintId', new BusinessIdPipe('complaintId')) complaintId: string,
    @Body() body: EscalateComplaintRequest,
    @Req() req: Request,
  ) {
    return this.run(this.toCommand.escalateComplaint(id, complaintId, body), req);
  }

  @Post(':customerId/complaints/:complaintId/resolution')
  @ApiOperation({ summary: 'Resolve a complaint (ComplaintResolved)' })
  async resolveComplaint(
    @Customer() id: string,
    @Param('complaintId', new BusinessIdPipe('complaintId')) complaintId: string,
    @Body() body: ResolveComplaintRequest,
    @Req() req: Request,
  ) {
    return this.run(this.toCommand.resolveComplaint(id, complaintId, body), req);
  }

  @Post(':customerId/complaints/:complaintId/extension')
  @ApiOperation({ summary: 'Extend the due date once, by at most 30 days (ComplaintExtended)' })
  async extendComplaint(
    @Customer() id: string,
    @ComplaintId() complaintId: string,
    @Body() body: ExtendComplaintRequest,
    @Req() req: Request,
  ) {
    return this.run(this.toCommand.extendComplaint(id, complaintId, body), req);
  }

  @Post(':customerId/complaints/:complaintId/assignee')
  @ApiOperation({ summary: 'Assign the complaint to a member of staff (ComplaintAssigned)' })
  async assignComplaint(
    @Customer() id: string,
    @ComplaintId() complaintId: string,
    @Body() body: AssignComplaintRequest,
    @Req() req: Request,
  ) {
    return this.run(this.toCommand.assignComplaint(id, complaintId, body), req);
  }

  @Post(':customerId/complaints/:complaintId/stage')
  @ApiOperation({ summary: 'Move the complaint to its next stage (ComplaintStageChanged)' })
  async changeComplaintStage(
    @Customer() id: string,
    @ComplaintId() complaintId: string,
    @Body() body: ChangeComplaintStageRequest,
    @Req() req: Request,
  ) {
    return this.run(this.toCommand.changeComplaintStage(id, complaintId, body), req);
  }

  @Post(':customerId/surveys')
  @ApiOperation({ summary: 'Record a survey answer (SatisfactionRecorded)' })
  async recordSatisfaction(@Customer() id: string, @Body() body: RecordSatisfactionRequest, @Req() req: Request) {
    return this.run(this.toCommand.recordSatisfaction(id, body), req);
  }

  @Post(':customerId/redemptions')
  @ApiOperation({ summary: 'Redeem loyalty points (PointsRedeemed)' })
  async redeemPoints(@Customer() id: string, @Body() body: RedeemPointsRequest, @Req() req: Request) {
    return this.run(this.toCommand.redeemPoints(id, body), req);
  }

  @Post(':customerId/churn')
  @ApiOperation({ summary: 'End the relationship (CustomerChurned)' })
  async churn(@Customer() id: string, @Body() body: ChurnCustomerRequest, @Req() req: Request) {
    return this.run(this.toCommand.churn(id, body), req);
  }

  @Post(':customerId/reactivation')
  @ApiOperation({ summary: 'Resume the relationship (CustomerReactivated)' })
  async reactivate(@Customer() id: string, @Body() body: ReactivateCustomerRequest, @Req() req: Request) {
    return this.run(this.toCommand.reactivate(id, body), req);
  }

  @Post(':customerId/erasure')
  @Access()
  @ApiOperation({ summary: 'Erase personal data: destroy the data key (PersonalDataErased); admin only' })
  async erase(@Customer() id: string, @Body() body: ErasureRequest, @Req() req: AuthenticatedRequest) {
    return this.run(this.toCommand.erase(id, body, req.principal?.name ?? 'anonymous'), req);
  }

  private run(command: CustomerCommand, req: Request, personal?: PersonalData): Promise<CommandResult> {
    return this.replies.once(req, async () => {
      const outcome = await this.commandBus.execute(new ExecuteCustomerCommand(command, commandContextOf(req), personal));
      return new CommandResult(command.customerId, outcome);
    });
  }
}
