import { applyDecorators, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** Every refusal's body, whatever its status (see the API's error responses). */
export class ErrorResponse {
  @ApiProperty({ description: 'A stable code, the same in every language', example: 'VALIDATION_FAILED' })
  error!: string;

  @ApiProperty({ description: 'What went wrong: in Traditional Chinese when Accept-Language asks for zh, else in English', example: 'The request is not valid' })
  message!: string;

  @ApiPropertyOptional({
    description: 'For input refused: each field and why; for a conflict, the revisions; otherwise absent',
    oneOf: [{ type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } }, { type: 'object' }],
  })
  details?: unknown;
}

const MEANING: Record<number, string> = {
  400: 'The input is refused: each field and the reason',
  401: 'No valid bearer token (or, for sign-in, a wrong username or password)',
  403: "The caller's role or unit may not do this",
  404: 'No such record in the caller’s reach',
  409: 'The record changed since it was read (If-Match), or the programme’s order does not allow this step now',
  429: 'Too many failed sign-ins: wait and try again',
};

/** What Nest answers on success: @HttpCode's status (applied before, as it is written below), else 201 for POST, 200 otherwise. */
const successStatusOf = (handler: object): number => Reflect.getMetadata(HTTP_CODE_METADATA, handler) ?? (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 201 : 200);

/**
 * The 4xx answers an operation gives, each with the error body. On a controller, every operation's. On an operation
 * (written above its route decorator), its own responses would replace the success answer the document infers, so
 * that one is stated too.
 */
export function ApiRefusals(...statuses: (keyof typeof MEANING)[]) {
  const refusals = statuses.map((status) => ApiResponse({ status, description: MEANING[status], type: ErrorResponse }));
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const success = descriptor ? [ApiResponse({ status: successStatusOf(descriptor.value as object), description: 'Done' })] : [];
    applyDecorators(...success, ...refusals)(target, key as string | symbol, descriptor as PropertyDescriptor);
  };
}
