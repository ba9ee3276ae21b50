import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { DcrReadiness } from '@agent-runtimes/dcr';
import { TerminusResponseFilter } from './terminus-response.filter.js';

/** Liveness and readiness for orchestrators (Kubernetes probes, load balancers). */
@ApiTags('Health')
@Controller('health')
@UseFilters(TerminusResponseFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dcr: DcrReadiness,
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
    summary:
      "Readiness: the module's own queries work on the database (503 when they do not), not just a ping",
  })
  readiness(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.indicators
          .check('database')
          .attempt(() => this.dcr.check())
          .withTimeout(1000),
    ]);
  }
}
