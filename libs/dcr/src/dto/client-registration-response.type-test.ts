// Compile-time test: the type-check (`nx typecheck dcr`) fails if the response DTO and the seed
// interface drift apart in either direction: a field added, removed, renamed, retyped, or made
// optional/required on one side only. It has no runtime part.
import type { ClientRegistrationResponse } from '../client-registration-response.js';
import type { ClientRegistrationResponseDto } from './client-registration-response.dto.js';

// Exact type equality, sensitive to optionality and readonly (a plain `extends` check is not).
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type Assert<T extends true> = T;

export type DtoMatchesSeedInterface = Assert<
  Equals<ClientRegistrationResponseDto, ClientRegistrationResponse>
>;
export type SameKeys = Assert<
  Equals<keyof ClientRegistrationResponseDto, keyof ClientRegistrationResponse>
>;
