import type { ValidateFunction } from 'ajv';

/** The catalog schema's validator, compiled ahead of time (see generateValidator.cjs). */
declare const validate: ValidateFunction;
export default validate;
