/** DI tokens for the ports; only wiring/ binds adapters to them. */
export const APP_CONFIG = Symbol('AppConfig');
export const CLOCK = Symbol('Clock');
export const EVENT_STORE = Symbol('EventStore');
export const KEY_STORE = Symbol('KeyStore');
export const CUSTOMER_PROCESSOR = Symbol('CustomerCommandProcessor');
export const TO_COMMAND = Symbol('ToCommand');
export const API_KEYS = Symbol('ApiKeys');
export const INGESTION_SOURCE = Symbol('IngestionSource');
/** One read-model store object, bound to both: the store port and its admin interface (style.md §11). */
export const READ_MODEL_STORE = Symbol('ReadModelStore');
export const READ_MODEL_ADMIN = Symbol('ReadModelAdmin');
