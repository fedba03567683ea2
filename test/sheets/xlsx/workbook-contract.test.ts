import { describeStoreContract } from '../../stores/store-contract.js';
import { createWorkbookStore } from '../../../sheets/xlsx/workbook-store.js';
import { readBack, workbookFile } from './support.js';

describeStoreContract('xlsx workbook', async (seed) => {
  const file = await workbookFile(seed);
  return {
    store: createWorkbookStore({ path: file.path }),
    readStaffTab: async (name) => (await readBack(file.path)).get(name) ?? [],
    cleanup: file.cleanup,
  };
});
