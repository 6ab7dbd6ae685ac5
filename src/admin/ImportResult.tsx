'use client'
/**
 * What an import did, as tables an editor can read: records created, updated, unchanged and
 * kept per collection; each change with its fields; and, for records other conditions share,
 * the document's wording that was not written onto them (for an editor to act on). Rendered from
 * the import's own data: no code editor, nothing fetched from anywhere.
 */
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import React from 'react'

type Counts = Record<string, number>
type Change = { collection: string; slug: string; outcome: string; fields?: string[]; proposed?: Record<string, unknown>; sharedWith?: string[] }

const OUTCOMES = ['created', 'updated', 'unchanged', 'kept'] as const
const OUTCOME_LABELS: Record<string, string> = { created: 'Created', updated: 'Updated', unchanged: 'Unchanged', kept: 'Shared, left as it is' }

const cell: React.CSSProperties = { padding: '0.35rem 0.75rem', borderBottom: '1px solid var(--theme-elevation-150)', textAlign: 'left', verticalAlign: 'top' }

export function ImportResult() {
  const { savedDocumentData } = useDocumentInfo()
  const { config } = useConfig()
  const recordLink = (change: Change) => `${config.routes.admin}/collections/${change.collection}?where[slug][equals]=${encodeURIComponent(change.slug)}`
  const summary = (savedDocumentData?.summary ?? null) as Record<string, Counts> | null
  const changes = (Array.isArray(savedDocumentData?.changes) ? savedDocumentData.changes : []) as Change[]
  const status = savedDocumentData?.status as string | undefined
  if (!savedDocumentData) return null
  if (!summary) {
    return (
      <div className="import-result" data-testid="import-result">
        <h3>Result</h3>
        <p>{status === 'failed' ? 'The import failed; see the error below.' : 'Waiting for the import to run. Reload in a few seconds.'}</p>
      </div>
    )
  }
  const kept = changes.filter((c) => c.outcome === 'kept')
  return (
    <div className="import-result" data-testid="import-result" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <h3>Records per collection</h3>
      <table data-testid="import-counts" style={{ borderCollapse: 'collapse', marginBottom: 'var(--base)' }}>
        <thead>
          <tr>
            <th style={cell}>Collection</th>
            {OUTCOMES.map((o) => (
              <th key={o} style={cell}>
                {OUTCOME_LABELS[o]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Object.entries(summary).map(([collection, counts]) => (
            <tr key={collection}>
              <td style={cell}>{collection}</td>
              {OUTCOMES.map((o) => (
                <td key={o} style={cell}>
                  {counts?.[o] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Changes</h3>
      {changes.length === 0 ? (
        <p>Nothing changed: every record was already as the document says.</p>
      ) : (
        <table data-testid="import-changes" style={{ borderCollapse: 'collapse', marginBottom: 'var(--base)' }}>
          <thead>
            <tr>
              <th style={cell}>Record</th>
              <th style={cell}>Collection</th>
              <th style={cell}>Outcome</th>
              <th style={cell}>Fields</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={`${change.collection}:${change.slug}`}>
                <td style={cell}>
                  <a href={recordLink(change)}>{change.slug}</a>
                </td>
                <td style={cell}>{change.collection}</td>
                <td style={cell}>{OUTCOME_LABELS[change.outcome] ?? change.outcome}</td>
                <td style={cell}>{change.fields?.length ? change.fields.join(', ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {kept.length > 0 && (
        <section data-testid="import-notes">
          <h3>For an editor: wording not written onto shared records</h3>
          <p>These records are used by other conditions, so their reviewed text was left as it is. The document's wording is below; edit the record if it should change.</p>
          {kept.map((change) => (
            <details key={`${change.collection}:${change.slug}`} open={kept.length <= 3}>
              <summary>
                <a href={recordLink(change)}>
                  {change.collection} / {change.slug}
                </a>
                {change.sharedWith?.length ? ` (also used by ${change.sharedWith.join(', ')})` : ''}
              </summary>
              <dl>
                {Object.entries(change.proposed ?? {})
                  .filter(([, value]) => value != null && value !== '')
                  .map(([field, value]) => (
                  <React.Fragment key={field}>
                    <dt>
                      <strong>{field}</strong>
                    </dt>
                    <dd style={{ whiteSpace: 'pre-wrap', margin: '0 0 0.5rem' }}>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                  </React.Fragment>
                ))}
              </dl>
            </details>
          ))}
        </section>
      )}
    </div>
  )
}
