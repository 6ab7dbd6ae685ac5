'use client'
/**
 * Payload's Publish button, shown only to a reviewer or admin once the document is approved.
 * Editors never see it; the server refuses an unreviewed publish whatever the button does.
 */
import { PublishButton, useAuth, useFormFields } from '@payloadcms/ui'
import React from 'react'

export function ReviewPublishButton(props: React.ComponentProps<typeof PublishButton>) {
  const { user } = useAuth<{ role?: string }>()
  const stage = useFormFields(([fields]) => fields.reviewStage?.value)
  if (!user || !['reviewer', 'admin'].includes(user.role ?? '') || stage !== 'approved') return null
  return <PublishButton {...props} />
}
