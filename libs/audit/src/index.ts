export * from './canonical-json';
export * from './hash-chain';
export * from './fold-as-of';
export * from './anchors';
