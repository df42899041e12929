import { OperationHandler, OperationSpec } from '../operation';
import { paginate } from '../pagination';

/** ListS3Buckets: the configured buckets and the ones storage jobs created, a page at a time. */
const listBuckets: OperationHandler = (request, world) => {
  const nextToken = request.body.nextToken as string | undefined;
  const page = paginate(world.state.listBuckets(), (bucket) => bucket.name, world.settings.bucketsPageSize, nextToken);
  return { buckets: page.items.map(({ name, creationDate }) => ({ name, creationDate })), nextToken: page.nextToken };
};

/** The account-level bucket listing. */
export const BUCKET_OPERATIONS: readonly OperationSpec[] = [
  { name: 'ListS3Buckets', handle: listBuckets },
];
