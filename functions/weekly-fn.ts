/** The weekly deadline: 周报记录 at the deadline, and the 周上报提醒 the day before it. */
import * as ff from '@google-cloud/functions-framework';
import { eventEntry, httpEntry } from './runtime/entries.js';

ff.http('weeklyDeadline', httpEntry('weekly'));
ff.cloudEvent('weeklyDeadlineEvent', eventEntry('weekly'));
ff.http('weeklyReminder', httpEntry('reminder'));
ff.cloudEvent('weeklyReminderEvent', eventEntry('reminder'));
