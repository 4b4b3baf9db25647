export * from './behaviour-features';
export * from './silhouette';
export * from './behaviour-clusters';
export * from './cohort-retention';
export * from './customer-value';
