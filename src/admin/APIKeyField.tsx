'use client'
/**
 * The account's API key, in place of Payload's key block (which makes the key in the browser
 * and sends it; keys are issued by the server here, collections/Users/apiKeys.ts). Generate asks
 * the server for a new key and shows it once to copy; Revoke removes it. Shown to admins on every
 * account and to staff on their own, who are the ones the server lets do it.
 */
import { Button, CopyToClipboard, useAuth, useConfig, useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

type Answer = { apiKey?: string; message?: string; errors?: { message?: string }[] }

const boxStyle: React.CSSProperties = { marginBottom: 'calc(var(--base) * 1.5)' }
const keyStyle: React.CSSProperties = {
  width: '100%',
  boxSizing: 'border-box',
  padding: 'calc(var(--base) / 4) calc(var(--base) / 2)',
  font: 'inherit',
  fontFamily: 'monospace',
  color: 'var(--theme-elevation-800)',
  background: 'var(--theme-input-bg, var(--theme-elevation-0))',
  border: '1px solid var(--theme-success-500, var(--theme-elevation-150))',
  borderRadius: 'var(--style-radius-s, 3px)',
}

export function APIKeyField() {
  const { id, collectionSlug, savedDocumentData } = useDocumentInfo()
  const { user } = useAuth<{ id: number | string; role?: string }>()
  const { config } = useConfig()
  const [hasKey, setHasKey] = useState<boolean | null>(null)
  const [issuedKey, setIssuedKey] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<'replace' | 'revoke' | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const mayManage = Boolean(user) && (user?.role === 'admin' || (id !== undefined && String(user?.id) === String(id)))
  if (!mayManage) return null
  if (!id) {
    return (
      <div className="api-key-field" style={boxStyle}>
        <h4>API key</h4>
        <p>Save the account first; then you can give it an API key.</p>
      </div>
    )
  }
  const keyExists = hasKey ?? Boolean(savedDocumentData?.hasAPIKey)

  const call = async (method: 'POST' | 'DELETE') => {
    setBusy(true)
    setError(null)
    setNotice(null)
    setConfirming(null)
    try {
      // Same origin as the admin itself: serverURL may name a public address this browser doesn't use.
      const response = await fetch(`${config.routes.api}/${collectionSlug}/${encodeURIComponent(String(id))}/api-key`, { method, credentials: 'include' })
      const body = (await response.json().catch(() => ({}))) as Answer
      if (!response.ok) {
        setError(body.errors?.[0]?.message ?? `The server refused (${response.status}).`)
        return
      }
      setHasKey(method === 'POST')
      setIssuedKey(method === 'POST' ? (body.apiKey ?? null) : null)
      setNotice(body.message ?? null)
    } catch {
      setError('The server could not be reached. Try again.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="api-key-field" data-testid="api-key-field" style={boxStyle}>
      <h4 style={{ marginBottom: 'calc(var(--base) / 2)' }}>API key</h4>
      <p>
        {keyExists
          ? 'This account has an API key. Programs send it as the header "Authorization: users API-Key <key>". It cannot be shown again: generate a new one if it is lost.'
          : 'This account has no API key. A key lets a program (e.g. a front end) call the API as this account.'}
      </p>
      {issuedKey && (
        <div style={{ marginBottom: 'var(--base)' }}>
          <label htmlFor="issued-api-key" style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
            New API key <CopyToClipboard value={issuedKey} />
          </label>
          <input id="issued-api-key" data-testid="issued-api-key" readOnly value={issuedKey} style={keyStyle} onFocus={(event) => event.currentTarget.select()} />
        </div>
      )}
      {notice && <p role="status">{notice}</p>}
      {error && (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </p>
      )}
      {confirming ? (
        <div>
          <p>{confirming === 'replace' ? 'A new key replaces the current one: programs using it stop working until they get the new key.' : 'Programs using this key stop working.'}</p>
          <Button buttonStyle="primary" size="small" disabled={busy} onClick={() => void call(confirming === 'replace' ? 'POST' : 'DELETE')} id="confirm-api-key-change">
            {confirming === 'replace' ? 'Replace the key' : 'Revoke the key'}
          </Button>{' '}
          <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => setConfirming(null)} id="cancel-api-key-change">
            Cancel
          </Button>
        </div>
      ) : (
        <div>
          <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => (keyExists ? setConfirming('replace') : void call('POST'))} id="generate-api-key">
            {keyExists ? 'Generate a new API key' : 'Generate an API key'}
          </Button>{' '}
          {keyExists && (
            <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => setConfirming('revoke')} id="revoke-api-key">
              Revoke the API key
            </Button>
          )}
        </div>
      )}
    </div>
  )
}
