'use client'
/**
 * The document view's medical review panel: where the document stands, who reviews it, when it
 * is due again, the actions this user may take now (and nothing else), and its history. It talks
 * to the same REST endpoint any client uses, so the server's rules are the only rules.
 */
import { Button, useConfig, useDocumentInfo, useFormModified } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import { ACTION_LABELS, STAGE_LABELS, type ReviewAction, type ReviewStage } from '../../collections/medicalReview/rules'
import type { ReviewStatus } from '../../collections/medicalReview/transition'

type Reviewer = { id: number | string; name: string; credentials?: string | null }

const formatDate = (value?: string | null) => (value ? new Date(value).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '—')

/** Payload's input look for the panel's own controls (Payload's inputs use these variables). */
const inputStyle: React.CSSProperties = {
  width: '100%',
  boxSizing: 'border-box',
  padding: 'calc(var(--base) / 4) calc(var(--base) / 2)',
  minHeight: 'calc(var(--base) * 1.6)',
  font: 'inherit',
  color: 'var(--theme-elevation-800)',
  background: 'var(--theme-input-bg, var(--theme-elevation-0))',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s, 3px)',
}
const labelStyle: React.CSSProperties = { display: 'block', marginBottom: 'calc(var(--base) / 2)', color: 'var(--theme-elevation-800)' }

type Member = ReviewStatus['bundle']['members'][number]

/** The records reviewed and published with this document, each linked to its changes. */
function BundleList({ adminRoute, members, submitted }: { adminRoute: string; members: Member[]; submitted: boolean }) {
  if (!members.length) return null
  return (
    <details data-testid="review-bundle" open style={{ marginTop: 'var(--base)' }}>
      <summary>
        {submitted ? 'Reviewed with it' : 'Submitted with it'} ({members.length} linked record{members.length === 1 ? '' : 's'})
      </summary>
      <ul style={{ paddingLeft: '1.2rem', margin: '0.25rem 0' }}>
        {members.map((member) => (
          <li key={`${member.collection}:${member.id}`} data-testid="review-bundle-member">
            <a href={`${adminRoute}/collections/${member.collection}/${member.id}`}>{member.title}</a>{' '}
            <small>
              ({member.collection}, {STAGE_LABELS[member.stage as ReviewStage] ?? member.stage}) ·{' '}
              <a href={`${adminRoute}/collections/${member.collection}/${member.id}/versions`}>changes</a>
            </small>
          </li>
        ))}
      </ul>
    </details>
  )
}

export function ReviewPanel() {
  const { id, collectionSlug, savedDocumentData, lastUpdateTime, setHasPublishedDoc, setUnpublishedVersionCount } = useDocumentInfo()
  // Reload the status whenever the document is saved (a content change moves the stage).
  const savedAt = `${savedDocumentData?.updatedAt ?? ''}:${lastUpdateTime ?? ''}`
  const { config } = useConfig()
  const modified = useFormModified()
  const router = useRouter()
  // Same origin as the admin itself: serverURL may name a public address this browser doesn't use.
  const api = config.routes.api
  const [status, setStatus] = useState<ReviewStatus | null>(null)
  const [reviewers, setReviewers] = useState<Reviewer[]>([])
  const [comment, setComment] = useState('')
  const [reviewer, setReviewer] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [publishAt, setPublishAt] = useState('')
  const [notice, setNotice] = useState<string | null>(null)

  // Each status answer is numbered: one that arrives after a newer answer (a reload started
  // before an action finished) is dropped, so the panel never steps back to an older stage.
  const latestAnswer = useRef(0)
  const load = useCallback(async () => {
    if (!id || !collectionSlug) return
    const asked = ++latestAnswer.current
    const response = await fetch(`${api}/${collectionSlug}/${id}/review`, { credentials: 'include' })
    const body = response.ok ? await response.json() : null
    if (body && asked === latestAnswer.current) setStatus(body)
  }, [api, collectionSlug, id])

  useEffect(() => {
    void load()
  }, [load, savedAt, modified])

  // A resubmission goes back to the reviewer it was with, unless the editor picks another.
  const assigned = status?.assignedReviewer
  useEffect(() => {
    if (assigned != null) setReviewer((current) => current || String(assigned))
  }, [assigned])

  // Reviewers by name: to choose one when submitting, and to name the one assigned.
  useEffect(() => {
    const query = 'where[role][in]=reviewer,admin&limit=100&depth=0&select[name]=true&select[credentials]=true'
    void fetch(`${api}/users?${query}`, { credentials: 'include' })
      .then((r) => (r.ok ? r.json() : { docs: [] }))
      .then((body: { docs: Reviewer[] }) => setReviewers(body.docs))
  }, [api])

  if (!id) return <div className="review-panel">Save the document to start its medical review.</div>
  if (!status) return <div className="review-panel">Loading review status…</div>

  const act = async (action: ReviewAction, schedule = false) => {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      const when = schedule && publishAt ? new Date(publishAt).toISOString() : undefined
      const response = await fetch(`${api}/${collectionSlug}/${id}/review`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action, comment: comment || undefined, reviewer: action === 'submit' && reviewer ? reviewer : undefined, publishAt: when }),
      })
      const body = await response.json().catch(() => ({}))
      if (!response.ok) {
        setError(body?.errors?.[0]?.message ?? `The action failed (${response.status}).`)
        return
      }
      latestAnswer.current++
      setStatus(body)
      // Payload's status line above the form (Draft, Published, Changed) reads the document info,
      // which refreshing the page's server components leaves as it was: tell it what the action did.
      const answer = body as ReviewStatus
      setHasPublishedDoc(answer.isLive)
      setUnpublishedVersionCount(answer.isLive && answer.stage !== 'published' ? 1 : 0)
      setComment('')
      if (when) setNotice(`Publishing is scheduled for ${new Date(when).toLocaleString()}. It goes live then if the approval still holds.`)
      router.refresh()
    } finally {
      setBusy(false)
    }
  }

  const stage = status.stage as ReviewStage
  const adminRoute = config.routes.admin
  const { bundle } = status
  return (
    <div className="review-panel" data-testid="review-panel" style={{ marginBottom: 'calc(var(--base) * 1.5)' }}>
      <h4 style={{ margin: '0 0 calc(var(--base) / 2)' }}>Medical review</h4>
      <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '0.25rem 0.75rem' }}>
        <dt>Stage</dt>
        <dd data-testid="review-stage" style={{ margin: 0 }}>
          {STAGE_LABELS[stage]}
          {status.isLive && stage !== 'published' ? ' (a published version is live)' : ''}
        </dd>
        <dt>Reviewer</dt>
        <dd style={{ margin: 0 }}>{status.assignedReviewer ? (reviewers.find((r) => String(r.id) === String(status.assignedReviewer))?.name ?? `#${status.assignedReviewer}`) : 'Any reviewer'}</dd>
        <dt>Review due</dt>
        <dd style={{ margin: 0 }} data-testid="review-due">
          {formatDate(status.nextReviewDue)}
          {status.reviewOverdue ? <strong style={{ color: 'var(--theme-error-500)' }}> Overdue</strong> : null}
        </dd>
      </dl>

      {status.allowedActions.length > 0 && (
        <div style={{ marginTop: 'var(--base)' }}>
          {modified ? <p>Save your changes before taking a review action.</p> : null}
          {status.allowedActions.includes('submit') && (
            <label style={labelStyle}>
              Reviewer
              <select data-testid="review-reviewer" style={inputStyle} value={reviewer} onChange={(e) => setReviewer(e.target.value)}>
                <option value="">Any reviewer (the pool)</option>
                {reviewers.map((r) => (
                  <option key={r.id} value={String(r.id)}>
                    {r.name}
                    {r.credentials ? `, ${r.credentials}` : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label style={labelStyle}>
            Comment{status.allowedActions.includes('request_changes') ? ' (required to request changes)' : ''}
            <textarea data-testid="review-comment" rows={3} style={inputStyle} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          {status.allowedActions.includes('publish') && (
            <label style={labelStyle}>
              Publish later (optional)
              <input data-testid="review-publish-at" type="datetime-local" style={inputStyle} value={publishAt} onChange={(e) => setPublishAt(e.target.value)} />
            </label>
          )}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
            {status.allowedActions.map((action) => {
              const later = action === 'publish' && Boolean(publishAt)
              return (
                <Button key={action} buttonStyle={action === 'request_changes' || action === 'unpublish' || action === 'archive' ? 'secondary' : 'primary'} size="small" disabled={busy || modified} onClick={() => void act(action, later)} id={`review-action-${action}`}>
                  {later ? 'Schedule publish' : ACTION_LABELS[action]}
                </Button>
              )
            })}
          </div>
        </div>
      )}
      {bundle.blocked.length > 0 && (
        <div role="alert" data-testid="review-blocked-links" style={{ marginTop: 'var(--base)', color: 'var(--theme-error-500)' }}>
          It links to records that cannot be published with it (archived or deleted); it cannot be published until the links are removed:
          <ul style={{ paddingLeft: '1.2rem', margin: '0.25rem 0' }}>
            {bundle.blocked.map((member) => (
              <li key={`${member.collection}:${member.id}`}>
                <a href={`${adminRoute}/collections/${member.collection}/${member.id}`}>{member.title}</a> <small>({member.collection})</small>
              </li>
            ))}
          </ul>
        </div>
      )}
      <BundleList adminRoute={adminRoute} members={bundle.members} submitted={bundle.submitted} />
      {notice ? (
        <p role="status" data-testid="review-notice">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" data-testid="review-error" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </p>
      ) : null}

      <details style={{ marginTop: 'var(--base)' }} open={status.history.length > 0 && status.history.length <= 5}>
        <summary>History ({status.history.length})</summary>
        <ol data-testid="review-history" style={{ paddingLeft: '1.2rem' }}>
          {status.history.map((event) => (
            <li key={String(event.id)}>
              {new Date(event.at as string).toLocaleString()}: {event.actor?.name ?? 'System'}, {ACTION_LABELS[event.action as ReviewAction] ?? 'edited'} ({STAGE_LABELS[event.from as ReviewStage]} → {STAGE_LABELS[event.to as ReviewStage]}, revision {event.revision})
              {event.comment ? <blockquote style={{ margin: '0.25rem 0' }}>{event.comment}</blockquote> : null}
            </li>
          ))}
        </ol>
      </details>
    </div>
  )
}
