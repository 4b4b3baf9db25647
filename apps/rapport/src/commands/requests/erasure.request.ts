import { CommandRequest } from './common.request';

/** Erasure takes no fields beyond the optional business time; who asked comes from the API key. */
export class ErasureRequest extends CommandRequest {}
