/**
 * Builds a fresh store: the users, pipelines, stages and dispositions always; the book of
 * business unless `seed: 'empty'`.
 */
import { defaultSettings, type Store, type StoreSettings } from '../store/types';
import { BOOK, EMPTY_BOOK } from './book';
import { emptyHubSpot, seedHubSpot } from './hubspot';
import { emptySalesforce, seedSalesforce } from './salesforce';

export interface SeedOptions {
  seed: 'book' | 'empty';
  now: Date;
  /** Salesforce instance_url, or 'self' for the server's own URL. */
  instanceUrl: string;
  settings?: Partial<StoreSettings>;
}

export function createStore(options: SeedOptions): Store {
  const book = options.seed === 'book' ? BOOK : EMPTY_BOOK;
  const store: Store = {
    settings: { ...defaultSettings(), ...options.settings },
    hubspot: emptyHubSpot(options.now, book.users),
    salesforce: emptySalesforce(options.now, book.users, options.instanceUrl),
    bookIds: { hubspot: {}, salesforce: {} },
    writes: [],
  };
  seedHubSpot(store, book, options.now);
  seedSalesforce(store, book, options.now);
  store.writes = [];
  return store;
}
