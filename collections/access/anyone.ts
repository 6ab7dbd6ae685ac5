import type { Access } from 'payload'

/** Reference data (specialties, citations, media) that holds nothing unreviewed. */
export const anyone: Access = () => true
