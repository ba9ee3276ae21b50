import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UnknownObject } from 'oidc-provider';
import { PAGE_HEADERS } from '../pages/html.js';
import type { InteractionOutcome } from './interaction-outcome.js';
import { InteractionService } from './interaction.service.js';

/**
 * The interaction pages of the authorization endpoint (HTTP only): node-oidc-provider sends the
 * browser to `GET /interaction/:uid` when a person must sign in or consent; the forms post back
 * here. HTML pages, not part of the JSON API, so not in the OpenAPI document.
 */
@ApiExcludeController()
@Controller('interaction')
export class InteractionController {
  constructor(private readonly interactions: InteractionService) {}

  /** The upstream provider's redirect URI (registered there): `?code=…&state=…&iss=…`. */
  @Get('callback/upstream')
  upstreamReturn(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    send(reply, this.interactions.upstreamReturn(request.headers.cookie, queryOf(request)));
  }

  @Get(':uid/upstream')
  async upstreamAnswer(
    @Param('uid') uid: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(
      reply,
      await this.interactions.upstreamAnswer(uid, exchange(request, reply), queryOf(request)),
    );
  }

  @Get(':uid')
  async show(
    @Param('uid') uid: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.interactions.show(uid, exchange(request, reply)));
  }

  @Post(':uid/login')
  async signIn(
    @Param('uid') uid: string,
    @Body() form: UnknownObject | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.interactions.signIn(uid, exchange(request, reply), form ?? {}));
  }

  @Post(':uid/consent')
  async consent(
    @Param('uid') uid: string,
    @Body() form: UnknownObject | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.interactions.decideConsent(uid, exchange(request, reply), form ?? {}));
  }

  @Post(':uid/abort')
  async abort(
    @Param('uid') uid: string,
    @Body() form: UnknownObject | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.interactions.abort(uid, exchange(request, reply), form ?? {}));
  }
}

/** The query of the request URL, with its `?` (or `''`). */
function queryOf(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start);
}

function exchange(request: FastifyRequest, reply: FastifyReply) {
  return { request: request.raw, response: reply.raw };
}

/** A redirect is a 303, so that the browser follows a form post with a GET. */
function send(reply: FastifyReply, outcome: InteractionOutcome): void {
  if (outcome.kind === 'redirect') {
    if (outcome.cookie) void reply.header('Set-Cookie', outcome.cookie);
    void reply
      .code(303)
      .header('Cache-Control', 'no-store')
      .header('Location', outcome.location)
      .send();
    return;
  }
  void reply.code(outcome.status).headers(PAGE_HEADERS).send(outcome.html);
}
