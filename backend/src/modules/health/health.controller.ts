import { ApiPath, HealthCheck, HealthReport, WorkerHealthCheck } from '@hyrkoll/contracts';
import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { LoggedIn, Public } from '../../common/auth/access.decorators';
import { HealthService } from './health.service';

class CheckResponse implements HealthCheck {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ required: false, example: 1.2 }) latencyMs?: number;
  @ApiProperty({ required: false, example: 'no answer within 2000 ms' }) error?: string;
}

class WorkerCheckResponse extends CheckResponse implements WorkerHealthCheck {
  @ApiProperty({ example: 2 }) liveWorkers!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastHeartbeatAt!: string | null;
}

class ChecksResponse {
  @ApiProperty({ type: CheckResponse }) database!: CheckResponse;
  @ApiProperty({ type: CheckResponse }) redis!: CheckResponse;
  @ApiProperty({ type: WorkerCheckResponse }) worker!: WorkerCheckResponse;
}

class HealthResponse implements HealthReport {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ type: ChecksResponse }) checks!: ChecksResponse;
  @ApiProperty({
    enum: ['smtp', 'folder', 'none'],
    description: 'How e-mail leaves: SMTP_URL, files in MAIL_DIR, or none (nothing is delivered)',
  })
  mail!: 'smtp' | 'folder' | 'none';
}

class LiveResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

class SessionCheckResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

@ApiTags('health')
@Controller(ApiPath.health)
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'The API process is up (public); checks nothing else, for container probes' })
  @ApiOkResponse({ type: LiveResponse, description: 'The process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('session')
  @LoggedIn()
  @ApiOperation({
    summary:
      'The session is valid and the database answers (one SELECT 1); for the frontend to check a session, and the baseline of the benchmark',
  })
  @ApiOkResponse({ type: SessionCheckResponse, description: 'Logged in, and the database answers' })
  async session(): Promise<{ status: 'ok' }> {
    await this.health.selectOne();
    return { status: 'ok' };
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness of the database, Redis and the worker processes (public)' })
  @ApiOkResponse({ type: HealthResponse, description: 'Everything is up' })
  @ApiServiceUnavailableResponse({
    type: HealthResponse,
    description: 'At least one part is down; the body says which',
  })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.report();
    void reply.status(report.status === 'ok' ? 200 : 503).header('cache-control', 'no-store');
    return report;
  }
}
