/** The admin's manual re-run of a month: `{"period":"2026-06","dryRun":true}` renders without sending. */
import * as ff from '@google-cloud/functions-framework';
import { eventEntry, httpEntry } from './runtime/entries.js';

ff.http('rerunMonth', httpEntry('rerun'));
ff.cloudEvent('rerunMonthEvent', eventEntry('rerun'));
