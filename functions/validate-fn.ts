/**
 * Validation, frequently (e.g. hourly on workdays): 校验结果 and the 校验 column, so clerks see problems quickly;
 * with 通报审核 = 是 it also sends the reports an admin approved in 审核 since the last run.
 */
import * as ff from '@google-cloud/functions-framework';
import { eventEntry, httpEntry } from './runtime/entries.js';

ff.http('validateLedger', httpEntry('validate'));
ff.cloudEvent('validateLedgerEvent', eventEntry('validate'));
