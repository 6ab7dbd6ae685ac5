'use client'
/**
 * The one piece of the site that needs JavaScript: asks the browser for the visitor's position
 * and submits the care search with it. Without JavaScript (or permission) the form still works
 * with typed coordinates or a chosen place.
 */
import { useState } from 'react'

export function UseMyLocation({ label, formId }: { label: string; formId: string }) {
  const [status, setStatus] = useState('')
  if (typeof navigator !== 'undefined' && !('geolocation' in navigator)) return null
  return (
    <p>
      <button
        type="button"
        className="button secondary"
        onClick={() => {
          setStatus('…')
          navigator.geolocation.getCurrentPosition(
            ({ coords }) => {
              const form = document.getElementById(formId) as HTMLFormElement | null
              if (!form) return
              ;(form.elements.namedItem('lat') as HTMLInputElement).value = coords.latitude.toFixed(5)
              ;(form.elements.namedItem('lng') as HTMLInputElement).value = coords.longitude.toFixed(5)
              form.requestSubmit()
            },
            (error) => setStatus(error.message),
            { timeout: 10_000 },
          )
        }}
      >
        {label}
      </button>{' '}
      <span role="status">{status}</span>
    </p>
  )
}
