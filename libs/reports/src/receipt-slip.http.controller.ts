import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { formatReceiptCode, normalizeReceiptCode, notFound } from '@integrity/domain';
import { CurrentActor, RECORDING_ROLES, Roles, UnitRegister, type Actor } from '@integrity/identity';
import { ApiRefusals, ReadQueryDto, UUID_PARAM } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { ReceiptKeys } from '@integrity/reflections';
import { renderReceiptSlip } from './documents/receipt-slip';
import { documentName, sendDocument } from './documents/send-document';

export class ReceiptSlipQueryDto extends ReadQueryDto {
  @ApiProperty({ description: 'The code just issued (the server keeps only its hash): printed on the slip' })
  @IsString()
  @MaxLength(20)
  code!: string;

  @ApiPropertyOptional({ description: 'The PIN issued with it, for a citizen who gave no phone number' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'pin must be 4 digits' })
  pin?: string;

  @ApiProperty({ enum: ['pdf'] })
  @IsIn(['pdf'])
  format!: 'pdf';
}

const RECEIPT_NOT_FOUND = () => notFound('RECEIPT_NOT_FOUND', 'This code is not the case’s current receipt');

/** The receipt slip (收執聯) to hand the citizen: printed from the code just issued, which must be the case's. */
@ApiTags('receipts')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('reflections')
export class ReceiptSlipHttpController {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly units: UnitRegister,
    private readonly keys: ReceiptKeys,
  ) {}

  @ApiOperation({ summary: 'Print the receipt slip (PDF, A6) of the code just issued' })
  @ApiRefusals(404)
  @Get(':id/receipt')
  @Roles(...RECORDING_ROLES)
  async slip(@Param('id', UUID_PARAM) id: string, @Query() query: ReceiptSlipQueryDto, @CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const doc = await (await this.readModels.current()).reflections.findOne({ _id: id });
    if (!doc || doc.unitId !== actor.unitId) throw notFound('REFLECTION_NOT_FOUND', 'No such reflection');
    const code = normalizeReceiptCode(query.code);
    if (!code || !doc.receipt || doc.receipt.codeHash !== this.keys.codeHash(code)) throw RECEIPT_NOT_FOUND();
    // A PIN is printed only when it is the receipt's own: the slip never carries a wrong one.
    const pin = doc.receipt.check === 'pin' ? (query.pin ?? null) : null;
    if (doc.receipt.check === 'pin' && (!pin || !this.keys.verifies(doc.receipt.verifierHash, code, pin))) throw RECEIPT_NOT_FOUND();
    const unit = await this.units.get(doc.unitId);
    const statusUrl = `${request.protocol}://${request.get('host') ?? 'localhost'}/status?code=${formatReceiptCode(code)}`;
    const slip = await renderReceiptSlip({ unitName: unit?.name ?? '', caseNo: doc.caseNo, receivedOn: doc.receivedOn, receiptCode: formatReceiptCode(code), pin, statusUrl });
    response.setHeader('Cache-Control', 'no-store');
    return sendDocument(response, slip, 'pdf', documentName(unit?.name ?? '', '村里廉政平臺收執聯', doc.caseNo), `receipt-${doc.caseNo}`);
  }
}
