export type * from './canonical-json';
export { canonicalJson } from './canonical-json';
export type * from './hash-chain';
export { hashEvent, verifyChain } from './hash-chain';
export type * from './fold-as-of';
export { foldAsOf } from './fold-as-of';
export type * from './anchors';
export { anchorKeyPair, signAnchor, verifyAnchorLog, findAnchorMismatch } from './anchors';
