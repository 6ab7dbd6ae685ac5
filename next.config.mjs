import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Express compresses every response (src/server.ts); compressing twice wastes CPU.
  compress: false,
  // The collections live at the repository root, outside src/.
  outputFileTracingRoot: import.meta.dirname,
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
