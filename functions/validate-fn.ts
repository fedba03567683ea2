/** Validation, frequently (e.g. hourly on workdays): 校验结果 and the 校验 column, so clerks see problems quickly. */
import * as ff from '@google-cloud/functions-framework';
import { eventEntry, httpEntry } from './runtime/entries.js';

ff.http('validateLedger', httpEntry('validate'));
ff.cloudEvent('validateLedgerEvent', eventEntry('validate'));
