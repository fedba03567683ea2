/**
 * The month closes by itself (the 1st, 06:00 Asia/Shanghai): ranking of the month just ended, then its
 * reports — the 季度讲评 and 年度总评 too when the month closes a quarter or the year. Exactly once per
 * month: a duplicate delivery finds the completed run in 运行记录 and does nothing.
 */
import * as ff from '@google-cloud/functions-framework';
import { eventEntry, httpEntry } from './runtime/entries.js';

ff.http('monthlyClose', httpEntry('monthly'));
ff.cloudEvent('monthlyCloseEvent', eventEntry('monthly'));
