import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createdIdFor } from '@integrity/event-store';
import {
  Context,
  ERASURE_ROLES,
  HANDLING_ROLES,
  hasAnyRole,
  HEAD_DECISION_ROLES,
  headDecisionRecorder,
  IdentityError,
  RECORDING_ROLES,
  Roles,
  type RequestContext,
} from '@integrity/identity';
import type { CommandResult } from '../command-result';
import { ChangeReflectionCommand, type ReflectionChange } from './change-reflection/change-reflection.command';
import { CloseReflectionRequestDto } from './close-reflection/close-reflection.request.dto';
import { EraseReporterDataCommand } from './erase-reporter-data/erase-reporter-data.command';
import { EraseReporterDataRequestDto } from './erase-reporter-data/erase-reporter-data.request.dto';
import { PublishResultRequestDto } from './publish-result/publish-result.request.dto';
import { ReceiveReflectionCommand } from './receive-reflection/receive-reflection.command';
import { ReceiveReflectionRequestDto } from './receive-reflection/receive-reflection.request.dto';
import { RecordCitizenNoticeRequestDto } from './record-citizen-notice/record-citizen-notice.request.dto';
import { RecordCitizenWithdrawalRequestDto } from './record-citizen-withdrawal/record-citizen-withdrawal.request.dto';
import { RequestExtensionRequestDto } from './request-extension/request-extension.request.dto';
import { WithdrawObligationRequestDto } from './withdraw-obligation/withdraw-obligation.request.dto';
import { RecordAgencyReplyRequestDto } from './record-agency-reply/record-agency-reply.request.dto';
import { RecordCitizenReplyRequestDto } from './record-citizen-reply/record-citizen-reply.request.dto';
import { RecordDepartmentResponseRequestDto } from './record-department-response/record-department-response.request.dto';
import { RecordHandlingOpinionRequestDto } from './record-handling-opinion/record-handling-opinion.request.dto';
import { RecordHeadDecisionRequestDto } from './record-head-decision/record-head-decision.request.dto';
import { ReferToAgencyRequestDto } from './refer-to-agency/refer-to-agency.request.dto';
import { ReopenReflectionRequestDto } from './reopen-reflection/reopen-reflection.request.dto';
import { ReportToHeadRequestDto } from './report-to-head/report-to-head.request.dto';
import { RequestHeadApprovalRequestDto } from './request-head-approval/request-head-approval.request.dto';
import { RouteReflectionRequestDto } from './route-reflection/route-reflection.request.dto';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';

/** Maps each request to its command; the decider decides. */
@ApiTags('reflections')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('reflections')
export class ReflectionCommandsHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  private change(id: string, change: ReflectionChange, context: RequestContext): Promise<CommandResult> {
    return this.commandBus.execute(new ChangeReflectionCommand(id, change, context));
  }

  @ApiOperation({ summary: 'Record a reflection received from a citizen' })
  @Post()
  @Roles(...RECORDING_ROLES)
  receive(@Body() body: ReceiveReflectionRequestDto, @Context() context: RequestContext) {
    if (body.handlingOpinion && !hasAnyRole(context.actor, HANDLING_ROLES)) {
      throw new IdentityError('FORBIDDEN', 'Volunteers record; the handling opinion is for an ethics officer', 403, 'handlingOpinion');
    }
    return this.commandBus.execute(new ReceiveReflectionCommand(createdIdFor(context.commandId), body, context));
  }

  @ApiOperation({ summary: "Record the ethics unit's handling opinion" })
  @ApiRefusals(404, 409)
  @Post(':id/handling-opinion')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  handlingOpinion(@Param('id', UUID_PARAM) id: string, @Body() body: RecordHandlingOpinionRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'RecordHandlingOpinion', opinion: body.opinion }, context);
  }

  @ApiOperation({ summary: "Route a reflection to departments of the unit's own agency" })
  @ApiRefusals(404, 409)
  @Post(':id/route')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  route(@Param('id', UUID_PARAM) id: string, @Body() body: RouteReflectionRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'RouteToDepartments', departments: body.departments, dueOn: body.dueOn }, context);
  }

  @ApiOperation({ summary: "Record a department's response" })
  @ApiRefusals(404, 409)
  @Post(':id/department-responses')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  departmentResponse(@Param('id', UUID_PARAM) id: string, @Body() body: RecordDepartmentResponseRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'RecordDepartmentResponse', department: body.department, response: body.response }, context);
  }

  @ApiOperation({ summary: 'Report the handling to the agency head' })
  @ApiRefusals(404, 409)
  @Post(':id/report-to-head')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  reportToHead(@Param('id', UUID_PARAM) id: string, @Body() body: ReportToHeadRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'ReportToHead', note: body.note }, context);
  }

  @ApiOperation({ summary: "Ask for the agency head's approval" })
  @ApiRefusals(404, 409)
  @Post(':id/request-head-approval')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  requestHeadApproval(@Param('id', UUID_PARAM) id: string, @Body() body: RequestHeadApprovalRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'RequestHeadApproval', agency: body.agency, note: body.note }, context);
  }

  @ApiOperation({ summary: "Record the agency head's decision" })
  @ApiRefusals(404, 409)
  @Post(':id/head-decisions')
  @HttpCode(200)
  @Roles(...HEAD_DECISION_ROLES)
  headDecision(@Param('id', UUID_PARAM) id: string, @Body() body: RecordHeadDecisionRequestDto, @Context() context: RequestContext) {
    const { subject, decision, agency, instructions } = body;
    return this.change(id, { type: 'RecordHeadDecision', subject, decision, agency, instructions, ...headDecisionRecorder(context.actor, body) }, context);
  }

  @ApiOperation({ summary: 'Withdraw an obligation sent to the wrong department or agency (撤回會辦, 撤回函請參處), with the reason' })
  @ApiRefusals(404, 409)
  @Post(':id/withdrawals')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  withdraw(@Param('id', UUID_PARAM) id: string, @Body() body: WithdrawObligationRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'WithdrawObligation', obligationId: body.obligationId, reason: body.reason }, context);
  }

  /** What is still owed by departments, agencies and the head is withdrawn with it; the case may then close. */
  @ApiOperation({ summary: 'Record that the citizen withdrew the petition (陳情人撤回)' })
  @ApiRefusals(404, 409)
  @Post(':id/citizen-withdrawal')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  citizenWithdrawal(@Param('id', UUID_PARAM) id: string, @Body() body: RecordCitizenWithdrawalRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'RecordCitizenWithdrawal', withdrawnOn: body.withdrawnOn, channel: body.channel, statement: body.statement }, context);
  }

  @ApiOperation({ summary: 'Request an extension of a deadline' })
  @ApiRefusals(404, 409)
  @Post(':id/extension-requests')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  requestExtension(@Param('id', UUID_PARAM) id: string, @Body() body: RequestExtensionRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'RequestExtension', newDueOn: body.newDueOn, reason: body.reason }, context);
  }

  @ApiOperation({ summary: 'Record a notice sent to the citizen' })
  @ApiRefusals(404, 409)
  @Post(':id/citizen-notices')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  citizenNotice(@Param('id', UUID_PARAM) id: string, @Body() body: RecordCitizenNoticeRequestDto, @Context() context: RequestContext) {
    const { kind, agency, channel, sentOn, content } = body;
    return this.change(id, { type: 'RecordCitizenNotice', kind, agency, channel, sentOn, content }, context);
  }

  @ApiOperation({ summary: 'Refer a reflection by official letter to another agency' })
  @ApiRefusals(404, 409)
  @Post(':id/refer')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  refer(@Param('id', UUID_PARAM) id: string, @Body() body: ReferToAgencyRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'ReferToAgency', agency: body.agency, letterNo: body.letterNo, sentOn: body.sentOn, dueOn: body.dueOn }, context);
  }

  @ApiOperation({ summary: "Record the other agency's reply to a referral" })
  @ApiRefusals(404, 409)
  @Post(':id/agency-replies')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  agencyReply(@Param('id', UUID_PARAM) id: string, @Body() body: RecordAgencyReplyRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'RecordAgencyReply', agency: body.agency, reply: body.reply, letterNo: body.letterNo }, context);
  }

  @ApiOperation({ summary: 'Record the reply given to the citizen' })
  @ApiRefusals(404, 409)
  @Post(':id/citizen-replies')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  citizenReply(@Param('id', UUID_PARAM) id: string, @Body() body: RecordCitizenReplyRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'RecordCitizenReply', channel: body.channel, content: body.content }, context);
  }

  @ApiOperation({ summary: 'Close a reflection' })
  @ApiRefusals(404, 409)
  @Post(':id/close')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  close(@Param('id', UUID_PARAM) id: string, @Body() body: CloseReflectionRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'CloseReflection', outcome: body.outcome, noReplyReason: body.noReplyReason }, context);
  }

  @ApiOperation({ summary: 'Reopen a closed reflection' })
  @ApiRefusals(404, 409)
  @Post(':id/reopen')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  reopen(@Param('id', UUID_PARAM) id: string, @Body() body: ReopenReflectionRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'ReopenReflection', reason: body.reason }, context);
  }

  @ApiOperation({ summary: 'Publish the result of a reflection' })
  @ApiRefusals(404, 409)
  @Post(':id/publish')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  publish(@Param('id', UUID_PARAM) id: string, @Body() body: PublishResultRequestDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'PublishResult', venue: body.venue, publicSummary: body.publicSummary }, context);
  }

  @ApiOperation({ summary: "Erase the reporter's personal data (crypto-shredding)" })
  @ApiRefusals(404, 409)
  @Post(':id/erase-reporter')
  @HttpCode(200)
  @Roles(...ERASURE_ROLES)
  eraseReporter(@Param('id', UUID_PARAM) id: string, @Body() body: EraseReporterDataRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new EraseReporterDataCommand(id, body.reason, context));
  }
}
