import { BackendJobRespObj } from '@aws-sdk/client-amplifybackend';
import { table } from '../table';

/** A job as the service reports it (GetBackendJob, UpdateBackendJob and each ListBackendJobs entry). */
export type ServiceJob = Partial<BackendJobRespObj>;

/**
 * A service time for people, in UTC: the service reports epoch milliseconds in a string
 * (`1700000000123` → `2023-11-14T22:13:20Z`, to the second); an ISO date is shown the same way, anything else as sent.
 */
export function formatTime(value: string | undefined): string {
  if (!value) return '-';
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z') : value;
}

/** One job as a block of labelled lines. */
export function jobBlock(job: ServiceJob): string {
  const rows: Array<[string, string | undefined]> = [
    ['Job', job.JobId],
    ['App', job.AppId],
    ['Environment', job.BackendEnvironmentName],
    ['Operation', job.Operation],
    ['Status', job.Status],
    ['Created', formatTime(job.CreateTime)],
    ['Updated', formatTime(job.UpdateTime)],
    ['Error', job.Error || undefined],
  ];
  return rows.filter(([, value]) => value !== undefined).map(([label, value]) => `${label.padEnd(12)} ${value}`).join('\n') + '\n';
}

/** Jobs as a table, in the order given. */
export function jobTable(jobs: readonly ServiceJob[]): string {
  return table(
    ['JOB ID', 'OPERATION', 'STATUS', 'CREATED', 'UPDATED', 'ERROR'],
    jobs.map((job) => [job.JobId ?? '-', job.Operation ?? '-', job.Status ?? '-', formatTime(job.CreateTime), formatTime(job.UpdateTime), job.Error || '']),
  );
}

/** A response as JSON, without the SDK's `$metadata`. */
export function responseJson(response: object): string {
  const { $metadata: _metadata, ...members } = response as Record<string, unknown>;
  return JSON.stringify(members, null, 2) + '\n';
}
