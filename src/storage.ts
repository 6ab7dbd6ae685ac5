/**
 * Where uploaded media live. Local disk (`./media`) by default; an S3-compatible bucket when
 * `S3_BUCKET` is set, so API replicas share one store and keep no files of their own.
 *
 * `@payloadcms/storage-s3` is loaded only when S3 is configured. It is not a dependency yet:
 * its newest release (3.90.1) pins `payload` 3.90.1 exactly, and Payload refuses to run with
 * mixed package versions. Install it at the same version as `payload` once that is published.
 */
import type { Plugin } from 'payload'

const S3_PACKAGE = '@payloadcms/storage-s3'

export function storagePlugins(env: NodeJS.ProcessEnv = process.env): Plugin[] {
  if (!env.S3_BUCKET) return []
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
      bucket: env.S3_BUCKET,
      config: {
        region: env.S3_REGION || 'us-east-1',
        endpoint: env.S3_ENDPOINT || undefined,
        forcePathStyle: Boolean(env.S3_ENDPOINT),
        credentials:
          env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
            : undefined,
      },
    })(config)
  }
  return [s3Plugin]
}
