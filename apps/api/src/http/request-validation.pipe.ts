import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  reason: string;
  /** class-validator's name for the rule broken (isString, maxLength, …), to say it in another language. */
  constraint: string;
}

/** Flattens class-validator's tree into one problem per field, with the path a client sent (reporter.phone). */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, reason]) => ({ field, reason: reason.replace(error.property, field), constraint }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => p.reason).join('; '));
  }
}

/** Bodies and queries: unknown fields are refused, not dropped; every problem names its field. */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(fieldProblems(errors)),
  });
}
