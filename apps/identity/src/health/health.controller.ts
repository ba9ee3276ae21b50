import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { TerminusResponseFilter } from './terminus-response.filter.js';

/** Liveness and readiness for orchestrators (Kubernetes probes, load balancers). */
@ApiTags('Health')
@Controller('health')
@UseFilters(TerminusResponseFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ operationId: 'liveness', summary: 'Liveness: the process serves requests' })
  liveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    operationId: 'readiness',
    summary: 'Readiness: the database answers (503 when it does not)',
  })
  readiness(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 1000 })]);
  }
}
