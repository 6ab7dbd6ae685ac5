/**
 * Where uploaded media live. Local disk (`./media`) by default; an S3-compatible bucket when
 * `S3_BUCKET` is set, so API replicas share one store and keep no files of their own.
 *
 * `@payloadcms/storage-s3` is loaded only when S3 is configured. It is not a dependency yet:
 * its newest release (3.90.1) pins `payload` 3.90.1 exactly, and Payload refuses to run with
 * mixed package versions. Install it at the same version as `payload` once that is published.
 */
import type { Plugin } from 'payload'

import { type Settings, settings } from './settings'

const S3_PACKAGE = '@payloadcms/storage-s3'

type S3Settings = Pick<Settings, 's3Bucket' | 's3Region' | 's3Endpoint' | 's3AccessKeyId' | 's3SecretAccessKey'>

export function storagePlugins(from: S3Settings = settings): Plugin[] {
  if (!from.s3Bucket) return []
  const s3Plugin: Plugin = async (config) => {
    let mod: { s3Storage: (options: Record<string, unknown>) => Plugin }
    try {
      mod = await import(/* webpackIgnore: true */ S3_PACKAGE)
    } catch {
      throw new Error(
        `S3_BUCKET is set, but ${S3_PACKAGE} is not installed. Install it at the same version as "payload" ` +
          `(npm install --save-exact ${S3_PACKAGE}@<payload version>), or unset S3_BUCKET to store media on local disk.`,
      )
    }
    return mod.s3Storage({
      collections: { media: true },
      bucket: from.s3Bucket,
      config: {
        region: from.s3Region,
        endpoint: from.s3Endpoint,
        forcePathStyle: Boolean(from.s3Endpoint),
        credentials:
          from.s3AccessKeyId && from.s3SecretAccessKey
            ? { accessKeyId: from.s3AccessKeyId, secretAccessKey: from.s3SecretAccessKey }
            : undefined,
      },
    })(config)
  }
  return [s3Plugin]
}
