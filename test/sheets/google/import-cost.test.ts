import { describe, expect, it } from 'vitest';
import { measureImportCostFresh } from '../../../sheets/google/import-cost.js';

describe('import cost of the Google Sheets store', () => {
  it('when a fresh process imports the store, then it costs at most 150 ms and the client library waits for first use', async () => {
    const cost = await measureImportCostFresh();
    console.info(`sheets-store.js ${cost.storeModuleMs.toFixed(0)} ms, then @googleapis/sheets ${cost.clientLibraryMs.toFixed(0)} ms`);
    expect(cost.storeModuleMs).toBeLessThanOrEqual(150);
    // Were the library imported by the store module, loading it again would cost nothing.
    expect(cost.clientLibraryMs).toBeGreaterThan(cost.storeModuleMs / 10);
  }, 60_000);
});
