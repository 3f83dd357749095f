import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { invalid } from '@integrity/domain';
import { Context, IdentityError, Public, RECORDING_ROLES, Roles, type RequestContext } from '@integrity/identity';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';
import { IssueReceiptCommand } from '../commands/issue-receipt/issue-receipt.handler';
import { StatusLookup, type CaseStatus } from './status-lookup';

export class StatusRequestDto {
  @ApiProperty({ example: '7K3Q-9XMD-2R', description: 'The receipt code, with or without its dashes' })
  @IsString()
  @MaxLength(20)
  code!: string;

  @ApiPropertyOptional({ example: '5678', description: 'The last four digits of the phone number the citizen gave' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'phoneLast4 must be 4 digits' })
  phoneLast4?: string;

  @ApiPropertyOptional({ example: '0427', description: 'The PIN printed on the slip, for a citizen who gave no phone number' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'pin must be 4 digits' })
  pin?: string;
}

/** The citizen's receipt (收執聯): reissued by the unit, looked up by the citizen without signing in. */
@ApiTags('receipts')
@Controller()
export class ReceiptsHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly status: StatusLookup,
  ) {}

  @ApiOperation({ summary: 'Issue a new receipt code for a case: the old one stops working; the code (and PIN) are answered this once' })
  @ApiBearerAuth()
  @ApiRefusals(400, 401, 403, 404, 409)
  @Post('reflections/:id/receipt')
  @HttpCode(200)
  @Roles(...RECORDING_ROLES)
  reissue(@Param('id', UUID_PARAM) id: string, @Context() context: RequestContext) {
    return this.commandBus.execute(new IssueReceiptCommand(id, context));
  }

  @Public()
  @ApiOperation({ summary: "A case's status for the citizen holding its receipt code: no names, no internal notes; 404 STATUS_NOT_FOUND when code and check do not match" })
  @ApiRefusals(400, 404, 429)
  @Get('public/status')
  async lookup(@Query() query: StatusRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<CaseStatus> {
    const proof = query.phoneLast4 ?? query.pin;
    if (!proof) throw invalid('REQUIRED', 'phoneLast4', 'phoneLast4 (or pin, for a slip that carries one) is required');
    // The answer is the citizen's alone: never kept by a browser or a proxy.
    response.setHeader('Cache-Control', 'no-store');
    try {
      return await this.status.lookup(query.code, proof, request.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof IdentityError && error.status === 429) response.setHeader('Retry-After', String(error.params?.retryAfterSeconds ?? 60));
      throw error;
    }
  }
}
