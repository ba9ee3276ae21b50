import { Inject, Injectable } from '@nestjs/common';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import {
  buildRegistrationMetadata,
  type RegistrationServerMetadata,
} from './registration-metadata.js';

/** Gives host apps the registration part of their RFC 8414 authorization server metadata. */
@Injectable()
export class DcrMetadataService {
  private readonly metadata: RegistrationServerMetadata;

  constructor(@Inject(DCR_OPTIONS) options: ResolvedDcrOptions) {
    this.metadata = buildRegistrationMetadata(options);
  }

  /** A fresh copy of the metadata, safe for the caller to extend. */
  registrationMetadata(): RegistrationServerMetadata {
    return structuredClone(this.metadata);
  }
}
