import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error';
import { FieldError } from './error-codes';

/** German messages per class-validator constraint; the constraint name is the stable code. */
const MESSAGES: Record<string, string> = {
  whitelistValidation: 'ist kein erlaubtes Feld',
  isNotEmpty: 'darf nicht leer sein',
  isDefined: 'muss angegeben werden',
  isEmail: 'muss eine gültige E-Mail-Adresse sein',
  isString: 'muss ein Text sein',
  isInt: 'muss eine ganze Zahl sein',
  isNumber: 'muss eine Zahl sein',
  isBoolean: 'muss wahr oder falsch sein',
  isUUID: 'muss eine gültige Kennung (UUID) sein',
  isIn: 'hat einen nicht erlaubten Wert',
  isEnum: 'hat einen nicht erlaubten Wert',
  isDateString: 'muss ein Datum sein',
  isISO8601: 'muss ein Datum im ISO-8601-Format sein',
  isUrl: 'muss eine gültige Adresse (URL) sein',
  maxLength: 'ist zu lang',
  minLength: 'ist zu kurz',
  min: 'ist zu klein',
  max: 'ist zu groß',
  matches: 'hat ein ungültiges Format',
  isArray: 'muss eine Liste sein',
  arrayMaxSize: 'enthält zu viele Einträge',
  arrayMinSize: 'enthält zu wenige Einträge',
  nestedValidation: 'ist ungültig',
};

/** Flattens class-validator errors into field errors with stable codes and German messages. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const code of Object.keys(error.constraints ?? {})) {
      out.push({ field, code, message: `„${field}“ ${MESSAGES[code] ?? 'ist ungültig'}.` });
    }
    if (error.children?.length) out.push(...toFieldErrors(error.children, field));
  }
  return out;
}

/** The one global pipe: strips nothing silently (unknown fields are 400), converts types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', undefined, toFieldErrors(errors)),
  });
}
