// Compile-time test: the type-check (`nx typecheck dcr`) fails if a field of ClientMetadata is
// missing from METADATA_FIELD_ORDER (it would be stored but never echoed), or if the request DTO
// reads a member that ClientMetadata does not declare. It has no runtime part.
import type { ClientRegistrationRequestDto } from '../dto/client-registration-request.dto.js';
import type {
  ClientMetadata,
  LanguageTaggedMetadata,
  METADATA_FIELD_ORDER,
} from './client-metadata.js';

type Assert<T extends true> = T;
type IsNever<T> = [T] extends [never] ? true : false;

/** ClientMetadata fields that responses would not echo. */
type Unordered = Exclude<
  keyof ClientMetadata,
  (typeof METADATA_FIELD_ORDER)[number] | keyof LanguageTaggedMetadata
>;
export type EveryFieldIsEchoed = Assert<IsNever<Unordered>>;

/** Request members (other than the statement, read apart) that ClientMetadata does not store. */
type Unstored = Exclude<
  keyof ClientRegistrationRequestDto,
  keyof ClientMetadata | 'software_statement'
>;
export type EveryRequestMemberIsStored = Assert<IsNever<Unstored>>;
