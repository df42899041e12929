import {
  AmplifyBackendClient,
  ListBackendJobsCommand,
  ListBackendJobsCommandInput,
  ListBackendJobsCommandOutput,
  ListS3BucketsCommand,
  ListS3BucketsCommandInput,
  ListS3BucketsCommandOutput,
} from '@aws-sdk/client-amplifybackend';
import { createPaginator } from '@smithy/core';
import type { PaginationConfiguration } from '@smithy/types';

/**
 * The AmplifyBackend client ships no paginators; these are made by the factory the SDK makes its own
 * with: `for await (const page of paginateJobs({ client }, input))`, stopping at any `break`.
 */
export const paginateJobs = createPaginator<PaginationConfiguration, ListBackendJobsCommandInput, ListBackendJobsCommandOutput>(
  AmplifyBackendClient, ListBackendJobsCommand, 'NextToken', 'NextToken', 'MaxResults');

/** ListS3Buckets, a page at a time (it takes no page size). */
export const paginateBuckets = createPaginator<PaginationConfiguration, ListS3BucketsCommandInput, ListS3BucketsCommandOutput>(
  AmplifyBackendClient, ListS3BucketsCommand, 'NextToken', 'NextToken');
