import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../security/access.decorator';
import { AnchorsService } from './anchors.service';

@ApiTags('audit')
@Controller('v1/audit/anchors')
export class AnchorsController {
  constructor(private readonly anchors: AnchorsService) {}

  @Post()
  @HttpCode(201)
  @Access()
  @ApiOperation({ summary: "Sign a digest of the store's head now (admin)" })
  async anchor() {
    const { sequence, position, anchoredAt, digest, heads } = await this.anchors.anchor();
    return { sequence, position, anchoredAt, digest, streams: heads.length };
  }

  @Get()
  @Access('auditor')
  @ApiOperation({ summary: "The anchor file's verdict, its newest anchor and the public key that checks it" })
  summary() {
    const { publicKey, verdict, anchors } = this.anchors.export();
    const newest = anchors.at(-1);
    return {
      verdict,
      publicKey,
      ...(newest
        ? { newest: { sequence: newest.sequence, position: newest.position, anchoredAt: newest.anchoredAt, digest: newest.digest } }
        : {}),
    };
  }
}
