import { ApiProperty } from '@nestjs/swagger';
import type { ReissuedRegistrationToken } from '../admin/dcr-admin.service.js';

/** A registration access token issued by an operator (admin API). Shown once. */
export class ReissuedRegistrationTokenDto implements ReissuedRegistrationToken {
  @ApiProperty({ example: 'pQ7v3n1cZ0b8Xk2mR5tW9A' })
  client_id!: string;

  @ApiProperty({
    description: 'The new token; every earlier token of the client stopped working.',
    example: 'q1Jm8e2Xl5Pz0bVw7Ck4Hs9Ua3Ty6Nr1Gd8Fo2Ei5Mc',
  })
  registration_access_token!: string;

  @ApiProperty({ format: 'uri', example: 'http://localhost:3000/register/pQ7v3n1cZ0b8Xk2mR5tW9A' })
  registration_client_uri!: string;
}
