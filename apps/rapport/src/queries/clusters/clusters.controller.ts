import { TooFewCustomers } from '../../http/answers';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../security/access.decorator';
import { QueryResult } from '../../http/outcomes';
import { DEFAULT_PAGE_SIZE } from '../shared/read-query.request';
import { ClusterNumberPipe, RunIdPipe } from './cluster-path.pipes';
import { ClusterRunsService } from './cluster-runs.service';
import { ClusterMembersRequest, ClusterRunRequest, ClusterRunsRequest } from './clusters.requests';

@ApiTags('queries')
@Access('analyst')
@Controller('v1/clusters/runs')
export class ClustersController {
  constructor(private readonly runs: ClusterRunsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Cluster customers on standardised behaviour with k-means, k chosen by silhouette; stores and answers the run' })
  async run(@Body() request: ClusterRunRequest) {
    const outcome = await this.runs.run({ minK: request.kMin ?? 2, maxK: request.kMax ?? 8, seed: request.seed ?? 42 });
    if (outcome.kind === 'too-few-customers') throw new TooFewCustomers();
    return outcome.run;
  }

  @Get()
  @ApiOperation({ summary: 'Clustering runs, newest first' })
  async list(@Query() request: ClusterRunsRequest) {
    return new QueryResult(await this.runs.list(request.limit ?? DEFAULT_PAGE_SIZE, request.cursor), 'cluster-run');
  }

  @Get(':runId')
  @ApiOperation({ summary: 'One run: features, k, seed, silhouette (per k tried), centroids and sizes' })
  async get(@Param('runId', RunIdPipe) runId: string) {
    return new QueryResult(await this.runs.get(runId), 'cluster-run');
  }

  @Get(':runId/clusters/:n/customers')
  @ApiOperation({ summary: 'A page of the customers of cluster n of a run, with their features' })
  async members(
    @Param('runId', RunIdPipe) runId: string,
    @Param('n', ClusterNumberPipe) n: number,
    @Query() request: ClusterMembersRequest,
  ) {
    return new QueryResult(await this.runs.members(runId, n, request.limit ?? DEFAULT_PAGE_SIZE, request.cursor), 'cluster-run');
  }
}
