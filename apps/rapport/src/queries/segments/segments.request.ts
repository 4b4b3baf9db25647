import { PageRequest, ReadQueryRequest } from '../shared/read-query.request';

export class ListSegmentsRequest extends ReadQueryRequest {}

export class SegmentCustomersRequest extends PageRequest {}
