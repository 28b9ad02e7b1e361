declare const brand: unique symbol;

/** A string (or number) that the type system keeps apart from others of its kind. */
export type Brand<T, Name extends string> = T & { readonly [brand]: Name };

export type WorkspaceId = Brand<string, 'WorkspaceId'>;
export type ClientId = Brand<string, 'ClientId'>;
export type EventId = Brand<string, 'EventId'>;
