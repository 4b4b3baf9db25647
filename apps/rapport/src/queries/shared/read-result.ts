/** What a query handler answers: the body and the projection position it reflects, or why there is none. */
export type ReadResult<T> =
  | { readonly kind: 'found'; readonly body: T; readonly position: number }
  | { readonly kind: 'not-found'; readonly position: number }
  | { readonly kind: 'behind'; readonly position: number; readonly minPosition: number };
