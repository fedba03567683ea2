/**
 * Structured JSON logs that Cloud Logging understands (severity, message, labels). Nothing secret is
 * ever passed here: the SMTP URL appears only through safeUrl().
 */
export type Severity = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR';

export type Logger = (severity: Severity, message: string, fields?: Record<string, unknown>) => void;

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  return (severity, message, fields = {}) => write(JSON.stringify({ severity, message, ...fields, 'logging.googleapis.com/labels': { app: 'zhaoshang-ledger' } }));
}
