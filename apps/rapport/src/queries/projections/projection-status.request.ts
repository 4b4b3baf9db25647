import { ReadQueryRequest } from '../shared/read-query.request';

export class ProjectionStatusRequest extends ReadQueryRequest {}
